package org.kapcompanion.checklist;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.StringType;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.Type;

/**
 * Turns submitted form fields (named by linkId) into typed answers, with a plain message for every value that
 * cannot be an answer to its question. Pure: the clinic's time zone is passed in.
 */
public final class FormInput {

  private FormInput() {}

  /**
   * What a submission gave: the answers, and per linkId why a value was not accepted.
   */
  public record Parsed(Answers answers, Map<String, String> problems) {}

  public static Parsed parse(QuestionnaireForm form, Map<String, List<String>> fields, ZoneId zone) {
    Map<String, List<Type>> answers = new LinkedHashMap<>();
    Map<String, String> problems = new LinkedHashMap<>();
    for (QuestionnaireItemComponent item : form.questions()) {
      List<Type> values = new ArrayList<>();
      for (String raw : fields.getOrDefault(item.getLinkId(), List.of())) {
        String text = raw.trim();
        if (text.isEmpty()) {
          continue;
        }
        Optional<Type> value = value(form, item, text, zone);
        if (value.isPresent()) {
          values.add(value.get());
        } else {
          problems.put(item.getLinkId(), problem(form, item));
        }
      }
      if (!values.isEmpty()) {
        answers.put(item.getLinkId(), values);
      }
    }
    return new Parsed(Answers.of(answers), problems);
  }

  private static Optional<Type> value(QuestionnaireForm form, QuestionnaireItemComponent item, String text,
      ZoneId zone) {
    switch (item.getType()) {
      case BOOLEAN:
        return text.equals("true") || text.equals("false")
            ? Optional.of(new BooleanType(Boolean.parseBoolean(text))) : Optional.empty();
      case INTEGER:
        return integer(form, item, text);
      case DECIMAL:
        return decimal(text);
      case CHOICE:
        return form.options(item).stream().filter(o -> (o.getSystem() + "|" + o.getCode()).equals(text)).findFirst()
            .map(o -> (Type) o.copy());
      case DATETIME:
        return dateTime(text, zone);
      case STRING:
      case TEXT:
        return Optional.of(new StringType(text));
      default:
        return Optional.empty();
    }
  }

  private static Optional<Type> integer(QuestionnaireForm form, QuestionnaireItemComponent item, String text) {
    try {
      int value = Integer.parseInt(text);
      boolean inRange = form.minValue(item).map(min -> value >= min).orElse(true)
          && form.maxValue(item).map(max -> value <= max).orElse(true);
      return inRange ? Optional.of(new IntegerType(value)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Type> decimal(String text) {
    try {
      return Optional.of(new DecimalType(new BigDecimal(text)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Type> dateTime(String text, ZoneId zone) {
    try {
      Date date = Date.from(LocalDateTime.parse(text).atZone(zone).toInstant());
      DateTimeType value = new DateTimeType(date, TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(zone));
      return Optional.of(value);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String problem(QuestionnaireForm form, QuestionnaireItemComponent item) {
    switch (item.getType()) {
      case INTEGER:
        return "Enter a whole number" + form.minValue(item).flatMap(min -> form.maxValue(item)
            .map(max -> " from " + min + " to " + max)).orElse("") + ".";
      case DECIMAL:
        return "Enter a number.";
      case BOOLEAN:
        return "Choose yes or no.";
      case CHOICE:
        return "Choose one of the listed options.";
      case DATETIME:
        return "Enter a date and time.";
      default:
        return "This answer cannot be used.";
    }
  }
}
