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
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;

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
    // The terser does not descend into nested resources, and one value must never be shifted twice.
    Set<BaseDateTimeType> values = Collections.newSetFromMap(new IdentityHashMap<>());
    collect(resource, values);
    for (BaseDateTimeType value : values) {
      if (value.getValue() != null) {
        value.add(Calendar.DATE, days);
      }
    }
  }

  private void collect(IBaseResource resource, Set<BaseDateTimeType> values) {
    values.addAll(terser.getAllPopulatedChildElementsOfType(resource, BaseDateTimeType.class));
    if (resource instanceof Bundle bundle) {
      bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
          .forEach(entry -> collect(entry.getResource(), values));
    }
    if (resource instanceof DomainResource domain) {
      domain.getContained().forEach(contained -> collect(contained, values));
    }
  }
}
