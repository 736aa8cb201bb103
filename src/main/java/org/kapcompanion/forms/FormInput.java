package org.kapcompanion.forms;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.kapcompanion.web.InvalidValue;
import org.kapcompanion.web.StrictValue;

/**
 * Turns submitted form fields (named by linkId) into typed answers, each value read once and strictly
 * ({@link StrictValue}), with a message naming the question for every value that cannot be an answer to it: whole
 * numbers within the item's {@code minValue}/{@code maxValue}, date-times within a day of now, texts within the
 * item's {@code maxLength} (else {@value #LONGEST_STRING} characters for a line, {@value #LONGEST_TEXT} for a text).
 * Pure: the clinic's clock is passed in.
 */
public final class FormInput {

  /** The longest answer of a one-line (string) item without its own {@code maxLength}. */
  static final int LONGEST_STRING = 200;
  /** The longest answer of a free-text item without its own {@code maxLength}. */
  static final int LONGEST_TEXT = 4_000;
  /** How far a date-time answer may be from now. */
  static final Duration DATE_TIME_WINDOW = Duration.ofDays(1);
  private static final StrictValue.Range ANY_INTEGER = StrictValue.Range.whole(Integer.MIN_VALUE, Integer.MAX_VALUE);
  private static final StrictValue.Range ANY_DECIMAL = new StrictValue.Range(BigDecimal.valueOf(-1_000_000_000),
      BigDecimal.valueOf(1_000_000_000), 6);

  private FormInput() {}

  /**
   * What a submission gave: the answers, and the values not accepted (why, and as typed).
   */
  public record Parsed(Answers answers, Refusals refused) {

    /** Why each refused value was not accepted, by linkId. */
    public Map<String, String> problems() {
      return refused.reasons();
    }

    /** Throws the first problem as a refusal naming its field (400), when there is one. */
    public void refuseAnyProblem() {
      refuseAny(refused.reasons());
    }
  }

  /** Throws the first of {@code problems} (linkId → message) as a refusal naming its field, when there is one. */
  public static void refuseAny(Map<String, String> problems) {
    problems.entrySet().stream().findFirst().ifPresent(problem -> {
      throw new InvalidValue(problem.getKey(), problem.getValue()).refused();
    });
  }

  public static Parsed parse(QuestionnaireForm form, Map<String, List<String>> fields, Clock clock) {
    Map<String, List<Type>> answers = new LinkedHashMap<>();
    Map<String, String> problems = new LinkedHashMap<>();
    Map<String, String> typed = new LinkedHashMap<>();
    for (QuestionnaireItemComponent item : form.questions()) {
      List<Type> values = new ArrayList<>();
      for (String raw : fields.getOrDefault(item.getLinkId(), List.of())) {
        if (raw.isBlank()) {
          continue;
        }
        StrictValue<Type> value = value(form, item, raw.strip(), clock);
        value.value().ifPresent(values::add);
        value.invalid().ifPresent(invalid -> {
          problems.putIfAbsent(item.getLinkId(), invalid.message());
          typed.putIfAbsent(item.getLinkId(), raw);
        });
      }
      if (!values.isEmpty()) {
        answers.put(item.getLinkId(), values);
      }
    }
    return new Parsed(Answers.of(answers), new Refusals(problems, typed));
  }

  private static StrictValue<Type> value(QuestionnaireForm form, QuestionnaireItemComponent item, String text,
      Clock clock) {
    String field = item.getLinkId();
    String label = label(item);
    return switch (item.getType()) {
      case BOOLEAN -> text.equals("true") || text.equals("false")
          ? StrictValue.valid(new BooleanType(Boolean.parseBoolean(text)))
          : StrictValue.invalid(field, label + ": choose yes or no.");
      case INTEGER -> StrictValue.number(field, label, text, range(form, item))
          .map(number -> new IntegerType(number.intValueExact()));
      case DECIMAL -> StrictValue.number(field, label, text, ANY_DECIMAL).map(DecimalType::new);
      case CHOICE -> form.options(item).stream().filter(o -> (o.getSystem() + "|" + o.getCode()).equals(text))
          .findFirst().<StrictValue<Type>>map(o -> StrictValue.valid(o.copy()))
          .orElseGet(() -> StrictValue.invalid(field, label + ": choose one of the listed options."));
      case DATETIME -> StrictValue.dateTime(field, label, text, clock.getZone(),
          clock.instant().minus(DATE_TIME_WINDOW), clock.instant().plus(DATE_TIME_WINDOW))
          .map(at -> dateTime(at, clock));
      case STRING -> StrictValue.text(field, label, text, longest(item, LONGEST_STRING), false).map(StringType::new);
      case TEXT -> StrictValue.text(field, label, text, longest(item, LONGEST_TEXT), false).map(StringType::new);
      default -> StrictValue.invalid(field, label + ": this answer cannot be used.");
    };
  }

  /** The item's range from its {@code minValue}/{@code maxValue} extensions, else any 32-bit whole number. */
  static StrictValue.Range range(QuestionnaireForm form, QuestionnaireItemComponent item) {
    return StrictValue.Range.whole(form.minValue(item).orElse(Integer.MIN_VALUE),
        form.maxValue(item).orElse(Integer.MAX_VALUE));
  }

  /** The longest answer the item takes: its {@code maxLength}, else {@code otherwise}. */
  static int longest(QuestionnaireItemComponent item, int otherwise) {
    return item.hasMaxLength() ? item.getMaxLength() : otherwise;
  }

  private static String label(QuestionnaireItemComponent item) {
    String text = item.hasText() ? item.getText().strip() : item.getLinkId();
    return text.endsWith("?") || text.endsWith(":") ? text.substring(0, text.length() - 1) : text;
  }

  private static Type dateTime(Instant at, Clock clock) {
    return new DateTimeType(Date.from(at), TemporalPrecisionEnum.SECOND, TimeZone.getTimeZone(clock.getZone()));
  }
}
