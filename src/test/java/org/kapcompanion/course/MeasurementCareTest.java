package org.kapcompanion.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kapcompanion.course.CourseFixtures.RULES;
import static org.kapcompanion.course.CourseFixtures.TODAY;
import static org.kapcompanion.course.CourseFixtures.ZONE;
import static org.kapcompanion.course.CourseFixtures.score;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kapcompanion.config.CourseRules;
import org.kapcompanion.vocabulary.OutcomeScore;

/** Response, remission and re-measurement of each outcome scale against the course's baseline. */
class MeasurementCareTest {

  private static final LocalDate START = TODAY.minusDays(30);

  static Stream<Arguments> outcomes() {
    return Stream.of(
        Arguments.of("PHQ-9 halved is a response", OutcomeScore.PHQ9, 20, 10, true, false),
        Arguments.of("PHQ-9 49 % lower is not a response", OutcomeScore.PHQ9, 21, 11, false, false),
        Arguments.of("PHQ-9 of 4 is remission", OutcomeScore.PHQ9, 20, 4, true, true),
        Arguments.of("PHQ-9 of 5 is not remission", OutcomeScore.PHQ9, 8, 5, false, false),
        Arguments.of("GAD-7 of 4 is remission", OutcomeScore.GAD7, 16, 4, true, true),
        Arguments.of("GAD-7 of 5 is not remission", OutcomeScore.GAD7, 16, 5, true, false),
        Arguments.of("PCL-5 below the default cut-off of 33 is remission", OutcomeScore.PCL5, 50, 32, false, true),
        Arguments.of("PCL-5 at the cut-off is not remission", OutcomeScore.PCL5, 50, 33, false, false),
        Arguments.of("a worse score is neither", OutcomeScore.PHQ9, 10, 14, false, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void responseAndRemission(String unused, OutcomeScore scale, int baseline, int latest, boolean response,
      boolean remission) {
    ScaleProgress progress = MeasurementCare.progress(scale, List.of(new ScaleProgress.Score(START.minusDays(2),
        baseline), new ScaleProgress.Score(TODAY.minusDays(3), latest)), Optional.of(START), RULES, TODAY);
    assertThat(progress.response()).isEqualTo(response);
    assertThat(progress.remission()).isEqualTo(remission);
  }

  @Test
  void theClinicsPcl5CutOffDecidesRemission() {
    CourseRules clinic = new CourseRules(6, 21, 28, 2, 50, 700, 1400, 14, 31, 180, RULES.substanceUseSnomedCodes(),
        RULES.substanceUseKeywords(), RULES.consent());
    ScaleProgress progress = MeasurementCare.progress(OutcomeScore.PCL5, List.of(
        new ScaleProgress.Score(START, 50), new ScaleProgress.Score(TODAY, 32)), Optional.of(START), clinic, TODAY);
    assertThat(progress.remission()).isFalse();
    assertThat(progress.remissionBelow()).isEqualTo(31);
  }

  @Test
  void baselineIsTheLatestScoreOnOrBeforeTheFirstDose() {
    List<Resource> observations = List.of(score(OutcomeScore.PHQ9, START.minusDays(20), 25),
        score(OutcomeScore.PHQ9, START, 22), score(OutcomeScore.PHQ9, START.plusDays(7), 15),
        score(OutcomeScore.PHQ9, TODAY.minusDays(2), 11));
    ScaleProgress phq9 = MeasurementCare.of(observations, Optional.of(START), RULES, TODAY, ZONE).get(0);
    assertThat(phq9.baseline()).contains(new ScaleProgress.Score(START, 22));
    assertThat(phq9.latest()).contains(new ScaleProgress.Score(TODAY.minusDays(2), 11));
    assertThat(phq9.reductionPercent()).contains(50);
    assertThat(phq9.response()).isTrue();
    assertThat(phq9.baselineNote()).isEmpty();
  }

  @Test
  void withoutAScoreBeforeTheFirstDoseTheFirstAfterItIsTheBaselineAndSaysSo() {
    ScaleProgress phq9 = MeasurementCare.progress(OutcomeScore.PHQ9, List.of(
        new ScaleProgress.Score(START.plusDays(3), 18), new ScaleProgress.Score(TODAY, 9)), Optional.of(START), RULES,
        TODAY);
    assertThat(phq9.baseline()).contains(new ScaleProgress.Score(START.plusDays(3), 18));
    assertThat(phq9.baselineNote()).isEqualTo("none before the first dose: the first score after it");
  }

  @Test
  void aScaleIsDueTheConfiguredDaysAfterItWasLastMeasuredAndShownDueFromThatDay() {
    ScaleProgress dueToday = MeasurementCare.progress(OutcomeScore.GAD7, List.of(
        new ScaleProgress.Score(TODAY.minusDays(14), 12)), Optional.of(START), RULES, TODAY);
    assertThat(dueToday.due()).contains(TODAY);
    assertThat(dueToday.dueNow()).isTrue();
    ScaleProgress notYet = MeasurementCare.progress(OutcomeScore.GAD7, List.of(
        new ScaleProgress.Score(TODAY.minusDays(13), 12)), Optional.of(START), RULES, TODAY);
    assertThat(notYet.due()).contains(TODAY.plusDays(1));
    assertThat(notYet.dueNow()).isFalse();
  }

  @Test
  void aScaleNeverMeasuredIsShownAsNoneRecordedAndPhq9AsDue() {
    List<ScaleProgress> scales = MeasurementCare.of(List.of(), Optional.of(START), RULES, TODAY, ZONE);
    assertThat(scales).extracting(ScaleProgress::scale).containsExactly("PHQ-9", "GAD-7", "PCL-5");
    assertThat(scales).allSatisfy(s -> assertThat(s.measured()).isFalse());
    assertThat(scales).extracting(ScaleProgress::dueNow).containsExactly(true, false, false);
  }
}
