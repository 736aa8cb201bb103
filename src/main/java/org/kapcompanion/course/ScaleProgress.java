package org.kapcompanion.course;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One outcome scale (PHQ-9, GAD-7, PCL-5) against the course's baseline.
 *
 * @param scale the scale's name, e.g. "PHQ-9"
 * @param range how it is scored, e.g. "0–27, self-report"
 * @param baseline the baseline: the latest score on or before the course's first dose (else the first after it)
 * @param baselineNote how the baseline was chosen, when not the usual way
 * @param latest the latest score
 * @param reductionPercent how much lower the latest score is than the baseline, in whole percent
 * @param response whether the latest score is at least 50 % below the baseline
 * @param remission whether the latest score is below the remission cut-off
 * @param remissionBelow the remission cut-off (a total below this)
 * @param due when the scale is next due, from the protocol's re-measurement interval
 * @param dueNow whether it is due (today or earlier, or never measured)
 */
public record ScaleProgress(String scale, String range, Optional<Score> baseline, String baselineNote,
    Optional<Score> latest, Optional<Integer> reductionPercent, boolean response, boolean remission,
    int remissionBelow, Optional<LocalDate> due, boolean dueNow) {

  /** A total on a day. */
  public record Score(LocalDate date, int value) {}

  /** Whether any score of this scale is recorded. */
  public boolean measured() {
    return latest.isPresent();
  }
}
