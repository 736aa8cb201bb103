package org.kapcompanion.record;

import java.util.Collection;
import java.util.Optional;

/**
 * What a page says where it has nothing to list, so that absence is never shown as a clinical negative: a read that
 * failed or was cut short "could not be read", an empty successful search "none recorded in the EHR", and "no known
 * allergies" only where the EHR records that assertion. Every section of every page words it here.
 *
 * @param text the words shown
 * @param unreadable whether the EHR could not be read (shown in the warning style)
 * @param detail what went wrong and what to do, when known (empty otherwise)
 */
public record Absence(String text, boolean unreadable, String detail) {

  public static final String UNREADABLE = "Could not be read — check the chart";
  public static final String NONE_RECORDED = "None recorded in the EHR";

  /** A read that failed or was cut short, with what went wrong. */
  public static Absence unreadable(String detail) {
    return new Absence(UNREADABLE, true, detail == null ? "" : detail);
  }

  /** A successful read that found nothing. */
  public static Absence noneRecorded() {
    return new Absence(NONE_RECORDED, false, "");
  }

  /** What a section says in place of its list: empty when it has something to list. */
  public static Optional<Absence> of(Section<? extends Collection<?>> section) {
    if (!section.isLoaded()) {
      return Optional.of(unreadable(section.message()));
    }
    return section.value().isEmpty() ? Optional.of(noneRecorded()) : Optional.empty();
  }

  /**
   * What the allergy section says in place of its list: the EHR's own "no known …" assertion when it records one and
   * no allergy, else as {@link #of}.
   */
  public static Optional<Absence> ofAllergies(Section<PatientRecord.Allergies> section) {
    if (!section.isLoaded()) {
      return Optional.of(unreadable(section.message()));
    }
    PatientRecord.Allergies allergies = section.value();
    if (!allergies.recorded().isEmpty()) {
      return Optional.empty();
    }
    if (!allergies.noneKnown().isEmpty()) {
      return Optional.of(new Absence(String.join("; ", allergies.noneKnown()), false, ""));
    }
    return Optional.of(noneRecorded());
  }

  /**
   * What the prior sessions section says in place of its list: as {@link #of}, but nothing where older sessions are
   * left out, as the section's note says so and "none recorded" would be false.
   */
  public static Optional<Absence> ofPriorSessions(Section<PatientRecord.PriorSessions> section) {
    if (section.isLoaded() && section.value().olderNotShown()) {
      return Optional.empty();
    }
    return of(new Section<>(section.content().map(PatientRecord.PriorSessions::listed), section.problem()));
  }

  /** The absence for a value the app expected from the record, by whether its read succeeded. */
  public static Absence ofValue(boolean readFailed) {
    return readFailed ? unreadable("") : noneRecorded();
  }
}
