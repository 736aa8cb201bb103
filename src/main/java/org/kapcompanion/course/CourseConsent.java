package org.kapcompanion.course;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The course's informed consent as the EHR records it (a FHIR {@code Consent} of scope treatment): when it was
 * signed, on which version of the clinic's form, who witnessed it, what it says of therapeutic touch and recording,
 * and whether it is still valid under the clinic's renewal period.
 *
 * @param state whether a valid consent is recorded
 * @param signed the day it was signed, when one is recorded
 * @param renewBy the first day it is no longer valid (signed + the clinic's renewal period)
 * @param formVersion the consent form's version, "" when the record does not say
 * @param witness who witnessed it, "" when the record does not say
 * @param touch whether therapeutic touch is permitted, when the consent says
 * @param recording whether recording the session is permitted, when the consent says
 * @param active whether the EHR holds it as active (not withdrawn or rejected)
 */
public record CourseConsent(State state, Optional<LocalDate> signed, Optional<LocalDate> renewBy, String formVersion,
    String witness, Optional<Boolean> touch, Optional<Boolean> recording, boolean active) {

  /** Whether the treatment consent holds for a dose today. */
  public enum State {
    /** Signed, active, and within the renewal period. */
    VALID,
    /** Recorded but past the renewal period (or no longer active): it must be signed again before dosing. */
    EXPIRED,
    /** No treatment consent recorded in the EHR. */
    NONE
  }

  static final CourseConsent NONE_RECORDED = new CourseConsent(State.NONE, Optional.empty(), Optional.empty(), "", "",
      Optional.empty(), Optional.empty(), false);

  public boolean valid() {
    return state == State.VALID;
  }

  public boolean expired() {
    return state == State.EXPIRED;
  }

  /** One line for the page, e.g. "Signed 2026-10-02 (form version 3), witnessed by Dr Ada Park; valid until …". */
  public String shown() {
    if (state == State.NONE) {
      return "No informed consent for the course is recorded in the EHR.";
    }
    StringBuilder text = new StringBuilder("Signed ").append(signed.map(LocalDate::toString).orElse("(date not "
        + "recorded)"));
    text.append(formVersion.isEmpty() ? " (form version not recorded)" : " (form version " + formVersion + ")");
    text.append(witness.isEmpty() ? ", witness not recorded" : ", witnessed by " + witness);
    if (state == State.VALID) {
      text.append("; valid until ").append(renewBy.orElseThrow().minusDays(1));
    } else if (active && renewBy.isPresent()) {
      text.append("; expired on ").append(renewBy.get()).append(" — to be signed again before the next dose");
    } else {
      text.append("; not in force (").append(active ? "no signing date" : "not active in the EHR")
          .append(") — to be signed again before the next dose");
    }
    return text.append('.').toString();
  }

  /** What the consent says of therapeutic touch and recording, e.g. "Therapeutic touch: permitted. …". */
  public String provisions() {
    return "Therapeutic touch: " + permission(touch) + ". Recording: " + permission(recording) + ".";
  }

  private static String permission(Optional<Boolean> permitted) {
    return permitted.map(p -> p ? "permitted" : "declined").orElse("not addressed in the consent");
  }
}
