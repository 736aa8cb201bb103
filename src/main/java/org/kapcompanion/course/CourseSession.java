package org.kapcompanion.course;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.kapcompanion.recorded.Dose;
import org.kapcompanion.recorded.Reading;

/**
 * One dosing session of the course as recorded in the EHR.
 *
 * @param encounterId the session's Encounter id, empty for a dose recorded without one
 * @param date the day of the first dose (or of the session, when no dose was recorded)
 * @param doses every dose of the session that could be read, oldest first (a top-up is a dose of its own)
 * @param weightKg the patient's weight on or before that day, for mg/kg
 * @param lowestMoaas the lowest MOAA/S score recorded
 * @param peakDissociation the highest clinician-rated dissociation recorded
 * @param highestBloodPressure the reading with the highest systolic
 * @param adverseEvents what each adverse event was
 * @param alerts the alerts written for the session
 */
public record CourseSession(String encounterId, LocalDate date, List<Dose> doses, Optional<BigDecimal> weightKg,
    Optional<Integer> lowestMoaas, Optional<Integer> peakDissociation, Optional<Reading> highestBloodPressure,
    List<String> adverseEvents, List<String> alerts) {

  public CourseSession {
    doses = List.copyOf(doses);
    adverseEvents = List.copyOf(adverseEvents);
    alerts = List.copyOf(alerts);
  }

  /** Whether a dose was recorded and could be read. */
  public boolean dosed() {
    return !doses.isEmpty();
  }

  /** Every dose of the session added up, in mg. */
  public BigDecimal totalMilligrams() {
    return Dose.totalMilligrams(doses);
  }

  /** The session's dose in mg as shown, e.g. "50", every dose added up, e.g. "72 (32 + 40)", or "—". */
  public String milligrams() {
    return Dose.milligrams(doses);
  }

  /** The session's dose per kg of body weight to two decimals, when dose and weight are known. */
  public Optional<BigDecimal> milligramsPerKg() {
    return weightKg.filter(w -> w.signum() > 0 && dosed())
        .map(w -> totalMilligrams().divide(w, 2, RoundingMode.HALF_UP));
  }

  /** mg/kg as shown, e.g. "0.63", or "—" (no weight recorded). */
  public String perKgShown() {
    return milligramsPerKg().map(BigDecimal::toPlainString).orElse("—");
  }

  public String drugShown() {
    return dosed() ? Dose.distinct(doses, d -> d.drug().label()) : "No dose recorded";
  }

  public String routeShown() {
    return dosed() ? Dose.distinct(doses, d -> d.route().label()) : "—";
  }
}
