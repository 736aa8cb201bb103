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
 * @param date the day of the dose (or of the session, when no dose was recorded)
 * @param dose the dose, when one was recorded and could be read
 * @param weightKg the patient's weight on or before that day, for mg/kg
 * @param lowestMoaas the lowest MOAA/S score recorded
 * @param peakDissociation the highest clinician-rated dissociation recorded
 * @param highestBloodPressure the reading with the highest systolic
 * @param adverseEvents what each adverse event was
 * @param alerts the alerts written for the session
 */
public record CourseSession(String encounterId, LocalDate date, Optional<Dose> dose, Optional<BigDecimal> weightKg,
    Optional<Integer> lowestMoaas, Optional<Integer> peakDissociation, Optional<Reading> highestBloodPressure,
    List<String> adverseEvents, List<String> alerts) {

  public CourseSession {
    adverseEvents = List.copyOf(adverseEvents);
    alerts = List.copyOf(alerts);
  }

  /** The dose in mg as shown, e.g. "50", or "—". */
  public String milligrams() {
    return dose.map(d -> plain(d.milligrams())).orElse("—");
  }

  /** The dose per kg of body weight to two decimals, when dose and weight are known. */
  public Optional<BigDecimal> milligramsPerKg() {
    return dose.flatMap(d -> weightKg.filter(w -> w.signum() > 0)
        .map(w -> d.milligrams().divide(w, 2, RoundingMode.HALF_UP)));
  }

  /** mg/kg as shown, e.g. "0.63", or "—" (no weight recorded). */
  public String perKgShown() {
    return milligramsPerKg().map(BigDecimal::toPlainString).orElse("—");
  }

  public String drugShown() {
    return dose.map(d -> d.drug().label()).orElse("No dose recorded");
  }

  public String routeShown() {
    return dose.map(d -> d.route().label()).orElse("—");
  }

  static String plain(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }
}
