package org.kapcompanion.predose;

import org.kapcompanion.forms.Answers;
import org.kapcompanion.forms.FormCatalog;
import org.kapcompanion.forms.FormReview;
import org.kapcompanion.forms.QuestionnaireForm;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.gates.StartGate;
import org.kapcompanion.writeback.ConformancePackage;

class PredoseGateTest {

  private static final ClinicalProtocol.BloodPressure GATE = new ClinicalProtocol.BloodPressure(140, 90);
  private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 1, 10, 0, 0, 0, ZoneId.of("America/Los_Angeles"));
  private static final BaselineAge AGE = BaselineAge.of(120, NOW);
  private static final StartGate START = new StartGate(ClinicalProtocol.Gates.DEFAULTS, NOW.getZone());
  private static QuestionnaireForm predose;

  @BeforeAll
  static void load() {
    predose = new FormCatalog(ConformancePackage.fromClasspath(FhirContext.forR4Cached()))
        .form(FormCatalog.PREDOSE_CHECKLIST).orElseThrow();
  }

  private static Answers baseline(int systolic, int diastolic) {
    return baseline(systolic, diastolic, NOW.minusMinutes(15));
  }

  private static Answers baseline(int systolic, int diastolic, ZonedDateTime taken) {
    return Answers.none().with("baseline-systolic", List.of(new IntegerType(systolic)))
        .with("baseline-diastolic", List.of(new IntegerType(diastolic)))
        .with(BaselineAge.TAKEN_AT, List.of(new DateTimeType(Date.from(taken.toInstant()))));
  }

  private static List<String> reasons(Answers answers) {
    return PredoseGate.blockers(predose, answers, START, Optional.empty(), AGE).stream()
        .filter(missing -> missing.linkId().equals(BaselineAge.TAKEN_AT)).map(FormReview.Missing::reason).toList();
  }

  @Test
  void gateIsSetFromTheBaselineAndTheClinicsLimit() {
    assertThat(PredoseGate.withGate(baseline(138, 88), GATE, AGE).first(PredoseGate.ABOVE_GATE).orElseThrow()
        .primitiveValue()).isEqualTo("false");
    assertThat(PredoseGate.withGate(baseline(141, 80), GATE, AGE).first(PredoseGate.ABOVE_GATE).orElseThrow()
        .primitiveValue()).isEqualTo("true");
    assertThat(PredoseGate.withGate(baseline(120, 95), GATE, AGE).first(PredoseGate.ABOVE_GATE).orElseThrow()
        .primitiveValue()).isEqualTo("true");
    assertThat(PredoseGate.withGate(baseline(150, 95), new ClinicalProtocol.BloodPressure(160, 100), AGE)
        .first(PredoseGate.ABOVE_GATE).orElseThrow().primitiveValue()).isEqualTo("false");
  }

  @Test
  void gateIsUnknownUntilBothReadingsAreIn() {
    Answers typedBefore = Answers.none().with(PredoseGate.ABOVE_GATE, List.of(new BooleanType(false)))
        .with("baseline-systolic", List.of(new IntegerType(180)));
    assertThat(PredoseGate.withGate(typedBefore, GATE, AGE).has(PredoseGate.ABOVE_GATE)).isFalse();
  }

  @Test
  void confirmationAnsweredNoBlocksWithItsReason() {
    Answers answers = Answers.none().with("fasting", List.of(new BooleanType(false)))
        .with("escort", List.of(new BooleanType(true)));
    assertThat(PredoseGate.blockers(predose, answers, START, Optional.empty(), AGE))
        .extracting(FormReview.Missing::reason)
        .contains("Fasting is not confirmed.").doesNotContain("No escort home is arranged.");
  }

  @Test
  void aBaselineFromDaysAgoLeavesTheGateUnknownAndBlocksDosing() {
    Answers sixDaysOld = baseline(116, 74, NOW.minusDays(6).withHour(9).withMinute(10));
    assertThat(PredoseGate.withGate(sixDaysOld, GATE, AGE).has(PredoseGate.ABOVE_GATE)).isFalse();
    assertThat(reasons(sixDaysOld)).containsExactly("Taken 26 Oct 2026 09:10, more than 120 min ago (clinic protocol): "
        + "take the baseline again before the dose.");
  }

  @Test
  void aBaselineFromEarlierTodayBeyondTheProtocolsWindowBlocksDosing() {
    Answers threeHoursOld = baseline(162, 100, NOW.minusHours(3));
    assertThat(PredoseGate.withGate(threeHoursOld, GATE, AGE).has(PredoseGate.ABOVE_GATE)).isFalse();
    assertThat(reasons(threeHoursOld)).singleElement().asString().startsWith("Taken 07:00, more than 120 min ago");
    assertThat(reasons(baseline(162, 100, NOW.minusMinutes(110)))).isEmpty();
    assertThat(PredoseGate.withGate(baseline(162, 100, NOW.minusMinutes(110)), GATE, AGE).first(PredoseGate.ABOVE_GATE)
        .orElseThrow().primitiveValue()).isEqualTo("true");
  }

  @Test
  void aBaselineWithoutItsTimeOrLaterThanNowDoesNotCount() {
    Answers untimed = baseline(120, 80).with(BaselineAge.TAKEN_AT, List.of());
    assertThat(PredoseGate.withGate(untimed, GATE, AGE).has(PredoseGate.ABOVE_GATE)).isFalse();
    assertThat(reasons(untimed)).singleElement().asString().startsWith("Not answered yet: a baseline counts only when "
        + "taken today");
    assertThat(reasons(baseline(120, 80, NOW.plusMinutes(30)))).singleElement().asString()
        .isEqualTo("Taken at 10:30, which is later than now: correct the time.");
  }

  @Test
  void theRecordsReadingsArePrefilledOnlyWhenRecentAndSayWhenTheLatestWasTaken() {
    Answers fromRecord = baseline(116, 74).with("baseline-heart-rate", List.of(new IntegerType(70)))
        .with("conditions-on-record", List.of(new org.hl7.fhir.r4.model.StringType("Depression")));
    java.time.Instant sixDaysAgo = NOW.minusDays(6).withHour(9).withMinute(10).toInstant();
    java.time.Instant recent = NOW.minusMinutes(48).toInstant();
    Prepopulation.Prefilled read = new Prepopulation.Prefilled(fromRecord, Set.of("baseline-systolic",
        "baseline-diastolic", BaselineAge.TAKEN_AT, "baseline-heart-rate", "conditions-on-record"), Map.of(),
        Map.of("baseline-systolic", sixDaysAgo, "baseline-diastolic", sixDaysAgo, BaselineAge.TAKEN_AT, sixDaysAgo,
            "baseline-heart-rate", recent));

    Prepopulation.Prefilled kept = AGE.prefilled(read);

    assertThat(kept.linkIds()).containsExactlyInAnyOrder("baseline-heart-rate", BaselineAge.TAKEN_AT,
        "conditions-on-record");
    assertThat(kept.answers().has("baseline-systolic")).isFalse();
    assertThat(kept.takenAt()).as("the baseline's time is the kept heart rate's, not the stale blood pressure's")
        .containsEntry(BaselineAge.TAKEN_AT, recent);
    assertThat(kept.absent().get("baseline-systolic").text()).isEqualTo("Not filled in: the latest reading in the "
        + "record (116) is not a pre-dose baseline. Taken 26 Oct 2026 09:10, more than 120 min ago (clinic protocol): "
        + "take the baseline again before the dose.");
    assertThat(AGE.shown(recent.atZone(NOW.getZone()))).isEqualTo("09:12");
  }

  @Test
  void heartRateAndSpo2FromTheRecordObeyTheSameAgeRuleAsTheBloodPressure() {
    Answers fromRecord = baseline(118, 76).with("baseline-heart-rate", List.of(new IntegerType(70)))
        .with("baseline-spo2", List.of(new IntegerType(98)));
    java.time.Instant recent = NOW.minusMinutes(15).toInstant();
    Prepopulation.Prefilled read = new Prepopulation.Prefilled(fromRecord, Set.of("baseline-systolic",
        "baseline-diastolic", BaselineAge.TAKEN_AT, "baseline-heart-rate", "baseline-spo2"), Map.of(),
        Map.of("baseline-systolic", recent, "baseline-diastolic", recent, BaselineAge.TAKEN_AT, recent,
            "baseline-heart-rate", NOW.minusHours(3).toInstant(), "baseline-spo2", NOW.minusDays(1).toInstant()));

    Prepopulation.Prefilled kept = AGE.prefilled(read);

    assertThat(kept.linkIds()).containsExactlyInAnyOrder("baseline-systolic", "baseline-diastolic",
        BaselineAge.TAKEN_AT);
    assertThat(kept.absent().get("baseline-heart-rate").text()).isEqualTo("Not filled in: the latest reading in the "
        + "record (70) is not a pre-dose baseline. Taken 07:00, more than 120 min ago (clinic protocol): take the "
        + "baseline again before the dose.");
    assertThat(kept.absent().get("baseline-spo2").text()).contains("(98) is not a pre-dose baseline. Taken 31 Oct "
        + "2026 10:00, more than 120 min ago");
  }

  @Test
  void theBaselineTimeIsThatOfItsEarliestVitalSignSoTheGateJudgesTheHeartRateToo() {
    Answers fromRecord = baseline(118, 76).with("baseline-heart-rate", List.of(new IntegerType(70)));
    java.time.Instant heartRate = NOW.minusMinutes(100).toInstant();
    Prepopulation.Prefilled read = new Prepopulation.Prefilled(fromRecord, Set.of("baseline-systolic",
        "baseline-diastolic", BaselineAge.TAKEN_AT, "baseline-heart-rate"), Map.of(),
        Map.of("baseline-systolic", NOW.minusMinutes(15).toInstant(), "baseline-diastolic",
            NOW.minusMinutes(15).toInstant(), BaselineAge.TAKEN_AT, NOW.minusMinutes(15).toInstant(),
            "baseline-heart-rate", heartRate));

    Answers kept = AGE.prefilled(read).answers();

    assertThat(kept.first(BaselineAge.TAKEN_AT).map(v -> ((DateTimeType) v).getValue().toInstant()))
        .contains(heartRate);
    BaselineAge halfAnHourLater = BaselineAge.of(120, NOW.plusMinutes(30));
    assertThat(PredoseGate.blockers(predose, kept, START, Optional.empty(), halfAnHourLater))
        .filteredOn(missing -> missing.linkId().equals(BaselineAge.TAKEN_AT)).extracting(FormReview.Missing::reason)
        .singleElement().asString().startsWith("Taken 08:20, more than 120 min ago");
    assertThat(PredoseGate.withGate(kept, GATE, halfAnHourLater).has(PredoseGate.ABOVE_GATE)).isFalse();
  }
}
