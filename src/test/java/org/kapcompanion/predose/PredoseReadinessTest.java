package org.kapcompanion.predose;

import org.kapcompanion.forms.Answers;
import org.kapcompanion.forms.FormCatalog;
import org.kapcompanion.forms.FormReview;
import org.kapcompanion.forms.QuestionnaireForm;
import org.kapcompanion.forms.ResponseMapper;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.writeback.ConformancePackage;

class PredoseReadinessTest {

  private static final ZoneId ZONE = ZoneId.of("America/Chicago");
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
  private static final java.time.Instant NOW = TODAY.atTime(9, 0).atZone(ZONE).toInstant();
  private static final ClinicalProtocol PROTOCOL = new ClinicalProtocol(List.of(), List.of(),
      new ClinicalProtocol.BloodPressure(140, 90), null, null, null, List.of(), null, "");
  private static FormCatalog catalog;
  private static QuestionnaireForm predose;
  /** The example checklist: complete, with a prescriber's decision on a blood pressure above the gate. */
  private static Answers complete;

  @BeforeAll
  static void load() {
    catalog = new FormCatalog(ConformancePackage.fromClasspath(FhirContext.forR4Cached()));
    predose = catalog.form(FormCatalog.PREDOSE_CHECKLIST).orElseThrow();
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(
        "fhir-profiles/examples/QuestionnaireResponse-kap-example-predose-checklist.json"))) {
      complete = ResponseMapper.fromResponse(FhirContext.forR4Cached().newJsonParser()
          .parseResource(QuestionnaireResponse.class, in)).with("baseline-taken-at", List.of(takenAt(7, 55)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static DateTimeType takenAt(int hour, int minute) {
    return new DateTimeType(Date.from(TODAY.atTime(hour, minute).atZone(ZONE).toInstant()),
        ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND, java.util.TimeZone.getTimeZone(ZONE));
  }

  private static QuestionnaireResponse saved(Answers answers, LocalDateTime at, boolean complete) {
    return ResponseMapper.toResponse(predose, answers, new ResponseMapper.Context("e-" + at, "Patient/p1",
        Optional.empty(), Optional.empty(), Date.from(at.atZone(ZONE).toInstant()), complete));
  }

  @Test
  void noChecklistSavedTodayBlocksTheStartWithoutListingItems() {
    PredoseReadiness.Status status = new PredoseReadiness(catalog, PROTOCOL, ZONE).of(List.of(new Observation(),
        saved(Answers.none(), TODAY.minusDays(1).atTime(9, 0), true)), NOW);

    assertThat(status.saved()).isFalse();
    assertThat(status.canStart()).isFalse();
    assertThat(status.blockers()).isEmpty();
  }

  @Test
  void checklistInProgressBlocksWithOneReasonPerOpenItem() {
    Answers partial = Answers.none().with("fasting", List.of(new BooleanType(false)));
    PredoseReadiness.Status status = new PredoseReadiness(catalog, PROTOCOL, ZONE)
        .of(List.of(saved(partial, TODAY.atTime(9, 30), false)), NOW);

    assertThat(status.saved()).isTrue();
    assertThat(status.canStart()).isFalse();
    assertThat(status.blockers()).extracting(FormReview.Missing::linkId)
        .contains("consent-treatment", "baseline-systolic", "fasting").doesNotHaveDuplicates();
    assertThat(status.blockers()).extracting(FormReview.Missing::reason).contains("Fasting is not confirmed.");
    assertThat(status.blockers()).allSatisfy(missing -> assertThat(missing.question()).isNotBlank());
  }

  @Test
  void latestChecklistOfTheDayDecides() {
    QuestionnaireResponse completed = saved(complete, TODAY.atTime(8, 0), true);
    QuestionnaireResponse reopened = saved(Answers.none().with("fasting", List.of(new BooleanType(false))),
        TODAY.atTime(8, 45), false);
    PredoseReadiness readiness = new PredoseReadiness(catalog, PROTOCOL, ZONE);

    assertThat(readiness.of(List.of(completed), NOW).canStart()).isTrue();
    assertThat(readiness.of(List.of(reopened, completed), NOW).canStart()).isFalse();
  }

  @Test
  void ofTwoChecklistsSavedWithinOneSecondTheLaterDecidesAfterTheEhrRoundTrip() {
    QuestionnaireResponse inProgress = saved(Answers.none(), TODAY.atTime(8, 0, 0, 100_000_000), false);
    QuestionnaireResponse completed = saved(complete, TODAY.atTime(8, 0, 0, 700_000_000), true);
    IParser json = FhirContext.forR4Cached().newJsonParser();
    List<QuestionnaireResponse> fromEhr = List.of(inProgress, completed).stream()
        .map(r -> json.parseResource(QuestionnaireResponse.class, json.encodeResourceToString(r))).toList();

    assertThat(new PredoseReadiness(catalog, PROTOCOL, ZONE).of(fromEhr, NOW).canStart()).isTrue();
  }

  @Test
  void aChecklistSavedAsCompletedIsJudgedAgainFromItsAnswers() {
    Answers contraindicated = complete.with("ci-vascular", List.of(new BooleanType(true)));
    PredoseReadiness.Status status = new PredoseReadiness(catalog, PROTOCOL, ZONE)
        .of(List.of(saved(contraindicated, TODAY.atTime(8, 0), true)), NOW);

    assertThat(status.canStart()).isFalse();
    assertThat(status.blockers()).extracting(FormReview.Missing::linkId).contains("ci-vascular");
  }

  @Test
  void afterASessionStartedOnItTheSameChecklistStartsNoOther() {
    QuestionnaireResponse checklist = saved(complete, TODAY.atTime(8, 0), true);
    PredoseReadiness readiness = new PredoseReadiness(catalog, PROTOCOL, ZONE);

    assertThat(readiness.of(List.of(checklist), NOW, Optional.of(TODAY.atTime(8, 10).atZone(ZONE).toInstant()))
        .blockers()).extracting(FormReview.Missing::reason).containsExactly("This checklist was used for the session "
            + "started at 08:10; a new dosing session needs a new pre-dose checklist.");
    assertThat(readiness.of(List.of(checklist), NOW, Optional.of(TODAY.atTime(7, 50).atZone(ZONE).toInstant()))
        .canStart()).as("a checklist saved after the last session").isTrue();
  }

  @Test
  void aCompletedChecklistWhoseBaselineIsNoLongerRecentDoesNotStartTheSession() {
    QuestionnaireResponse checklist = saved(complete, TODAY.atTime(8, 0), true);
    PredoseReadiness readiness = new PredoseReadiness(catalog, PROTOCOL, ZONE);

    PredoseReadiness.Status later = readiness.of(List.of(checklist), TODAY.atTime(10, 30).atZone(ZONE).toInstant());
    assertThat(later.canStart()).isFalse();
    assertThat(later.blockers()).extracting(FormReview.Missing::reason)
        .containsExactly("Taken 07:55, more than 120 min ago (clinic protocol): take the baseline again before the "
            + "dose.");
  }

  @Test
  void aCompletedChecklistHoldingADaysOldBaselineOrNoTimeDoesNotStartTheSession() {
    Answers stale = complete.with("baseline-taken-at", List.of(new DateTimeType(Date.from(
        TODAY.minusDays(6).atTime(9, 10).atZone(ZONE).toInstant()))));
    PredoseReadiness readiness = new PredoseReadiness(catalog, PROTOCOL, ZONE);

    assertThat(readiness.of(List.of(saved(stale, TODAY.atTime(8, 0), true)), NOW).blockers())
        .extracting(FormReview.Missing::linkId).containsExactly("baseline-taken-at");
    assertThat(readiness.of(List.of(saved(complete.with("baseline-taken-at", List.of()), TODAY.atTime(8, 0), true)),
        NOW).blockers()).extracting(FormReview.Missing::linkId).containsExactly("baseline-taken-at");
  }
}
