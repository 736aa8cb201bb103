package org.kapcompanion.sandbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * Moves every date, dateTime and instant in a resource (periods included) by a whole number of days, so that
 * seed data authored against a fixed "today" stays recent. Precision and time zone of each value are kept.
 */
final class DateShift {

  /** The day the seed files were authored against. */
  static final LocalDate SEED_AUTHORED_TODAY = LocalDate.of(2026, 11, 1);

  private final FhirTerser terser;
  private final int days;

  DateShift(FhirContext fhirContext, int days) {
    this.terser = fhirContext.newTerser();
    this.days = days;
  }

  /** The shift that maps the seed's authored "today" onto {@code today}. */
  static int daysFromSeedTo(LocalDate today) {
    return Math.toIntExact(ChronoUnit.DAYS.between(SEED_AUTHORED_TODAY, today));
  }

  int days() {
    return days;
  }

  /** Shifts the resource in place, including resources nested in it (bundle entries, contained resources). */
  void apply(IBaseResource resource) {
    if (days == 0) {
      return;
    }
    // A contained resource can be reached twice (via contained and via a reference): shift each value once.
    Set<BaseDateTimeType> values = Collections.newSetFromMap(new IdentityHashMap<>());
    values.addAll(terser.getAllPopulatedChildElementsOfType(resource, BaseDateTimeType.class));
    for (BaseDateTimeType value : values) {
      if (value.getValue() != null) {
        value.add(Calendar.DATE, days);
      }
    }
  }
}
