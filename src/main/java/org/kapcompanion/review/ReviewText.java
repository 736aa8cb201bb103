package org.kapcompanion.review;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;
import org.kapcompanion.web.ClinicTime;

/** How the review pages word recorded values and times: codes by their text, numbers plainly, times on the clinic's clock. */
final class ReviewText {

  static final String NONE = "—";

  private ReviewText() {}

  static String text(CodeableConcept concept) {
    if (concept.hasText()) {
      return concept.getText();
    }
    return concept.getCoding().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
        .filter(s -> s != null).findFirst().orElse(NONE);
  }

  static String valueText(Type value) {
    if (value == null) {
      return NONE;
    }
    if (value instanceof CodeableConcept concept) {
      return text(concept);
    }
    if (value instanceof Coding coding) {
      return coding.hasDisplay() ? coding.getDisplay() : coding.getCode();
    }
    if (value instanceof Quantity quantity && quantity.hasValue()) {
      return number(quantity.getValue()) + (quantity.hasUnit() ? " " + quantity.getUnit() : "");
    }
    if (value instanceof BooleanType bool) {
      return Boolean.TRUE.equals(bool.getValue()) ? "Yes" : "No";
    }
    return Optional.ofNullable(value.primitiveValue()).orElse(NONE);
  }

  static String number(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  static long minutes(Instant from, Instant to) {
    return Duration.between(from, to).toMinutes();
  }

  /** Minutes since the dose, e.g. {@code +40 min}; empty without a dose. */
  static String since(Instant when, Optional<Instant> dose) {
    return dose.map(given -> {
      long minutes = minutes(given, when);
      return (minutes >= 0 ? "+" : "") + minutes + " min";
    }).orElse("");
  }

  static String time(Instant instant, ZoneId zone) {
    return ClinicTime.clock(instant, zone);
  }

  static String dayTime(Instant instant, ZoneId zone) {
    return ClinicTime.dayAndClock(instant, zone);
  }
}
