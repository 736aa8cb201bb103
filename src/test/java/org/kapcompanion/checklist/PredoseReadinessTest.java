package org.kapcompanion.checklist;

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
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.writeback.ConformancePackage;

class PredoseReadinessTest {

  private static final ZoneId ZONE = ZoneId.of("America/Chicago");
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
  private static FormCatalog catalog;
  private static QuestionnaireForm predose;

  @BeforeAll
  static void load() {
    catalog = new FormCatalog(ConformancePackage.fromClasspath(FhirContext.forR4Cached()));
    predose = catalog.form(FormCatalog.PREDOSE_CHECKLIST).orElseThrow();
  }

  private static QuestionnaireResponse saved(Answers answers, LocalDateTime at, boolean complete) {
    return ResponseMapper.toResponse(predose, answers, new ResponseMapper.Context("e-" + at, "Patient/p1",
        Optional.empty(), Optional.empty(), Date.from(at.atZone(ZONE).toInstant()), complete));
  }

  @Test
  void noChecklistSavedTodayBlocksTheStartWithoutListingItems() {
    PredoseReadiness.Status status = new PredoseReadiness(catalog, ZONE).of(List.of(new Observation(),
        saved(Answers.none(), TODAY.minusDays(1).atTime(9, 0), true)), TODAY);

    assertThat(status.saved()).isFalse();
    assertThat(status.canStart()).isFalse();
    assertThat(status.blockers()).isEmpty();
  }

  @Test
  void checklistInProgressBlocksWithOneReasonPerOpenItem() {
    Answers partial = Answers.none().with("fasting", List.of(new BooleanType(false)));
    PredoseReadiness.Status status = new PredoseReadiness(catalog, ZONE)
        .of(List.of(saved(partial, TODAY.atTime(9, 30), false)), TODAY);

    assertThat(status.saved()).isTrue();
    assertThat(status.canStart()).isFalse();
    assertThat(status.blockers()).extracting(FormReview.Missing::linkId)
        .contains("consent-treatment", "baseline-systolic", "fasting").doesNotHaveDuplicates();
    assertThat(status.blockers()).extracting(FormReview.Missing::reason).contains("Fasting is not confirmed.");
    assertThat(status.blockers()).allSatisfy(missing -> assertThat(missing.question()).isNotBlank());
  }

  @Test
  void latestChecklistOfTheDayDecides() {
    QuestionnaireResponse completed = saved(Answers.none(), TODAY.atTime(8, 0), true);
    QuestionnaireResponse reopened = saved(Answers.none().with("fasting", List.of(new BooleanType(false))),
        TODAY.atTime(8, 45), false);
    PredoseReadiness readiness = new PredoseReadiness(catalog, ZONE);

    assertThat(readiness.of(List.of(completed), TODAY).canStart()).isTrue();
    assertThat(readiness.of(List.of(reopened, completed), TODAY).canStart()).isFalse();
  }

  @Test
  void ofTwoChecklistsSavedWithinOneSecondTheLaterDecidesAfterTheEhrRoundTrip() {
    QuestionnaireResponse inProgress = saved(Answers.none(), TODAY.atTime(8, 0, 0, 100_000_000), false);
    QuestionnaireResponse completed = saved(Answers.none(), TODAY.atTime(8, 0, 0, 700_000_000), true);
    IParser json = FhirContext.forR4Cached().newJsonParser();
    List<QuestionnaireResponse> fromEhr = List.of(inProgress, completed).stream()
        .map(r -> json.parseResource(QuestionnaireResponse.class, json.encodeResourceToString(r))).toList();

    assertThat(new PredoseReadiness(catalog, ZONE).of(fromEhr, TODAY).canStart()).isTrue();
  }
}
