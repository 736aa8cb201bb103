package org.kapcompanion.forms;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kapcompanion.writeback.ConformancePackage;

class QuestionnaireFormTest {

  private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T18:00:00Z"), ZONE);
  private static QuestionnaireForm predose;
  private static QuestionnaireForm preparation;

  @BeforeAll
  static void load() {
    FormCatalog catalog = new FormCatalog(ConformancePackage.fromClasspath(FhirContext.forR4Cached()));
    predose = catalog.form(FormCatalog.PREDOSE_CHECKLIST).orElseThrow();
    preparation = catalog.form(FormCatalog.PREPARATION).orElseThrow();
  }

  private static Map<String, List<String>> fields(String... pairs) {
    Map<String, List<String>> fields = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
    }
    return fields;
  }

  @Test
  void submittedFieldsBecomeTypedAnswers() {
    FormInput.Parsed parsed = FormInput.parse(predose, fields("fasting", "true", "baseline-systolic", "128",
        "escort-name", "  Sam Lee  "), CLOCK);
    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.answers().first("fasting")).hasValueSatisfying(v -> assertThat(((BooleanType) v).booleanValue()).isTrue());
    assertThat(parsed.answers().first("baseline-systolic")).hasValueSatisfying(v -> assertThat(((IntegerType) v).getValue()).isEqualTo(128));
    assertThat(parsed.answers().first("escort-name").orElseThrow().primitiveValue()).isEqualTo("Sam Lee");
  }

  @Test
  void valuesThatCannotBeAnswersAreExplained() {
    FormInput.Parsed parsed = FormInput.parse(predose, fields("baseline-systolic", "high", "phq9-total", "31",
        "fasting", "maybe", "prescriber-decision", "http://example.org|nope"), CLOCK);
    assertThat(parsed.problems()).containsOnlyKeys("baseline-systolic", "phq9-total", "fasting",
        "prescriber-decision");
    assertThat(parsed.problems().get("baseline-systolic")).endsWith("must be a whole number from 40 to 300, in digits "
        + "0-9.");
    assertThat(parsed.problems().get("phq9-total")).endsWith("must be a whole number from 0 to 27, in digits 0-9.");
    assertThat(parsed.problems().get("fasting")).endsWith("choose yes or no.");
    assertThat(parsed.problems().get("prescriber-decision")).endsWith("choose one of the listed options.");
    assertThat(parsed.answers().has("phq9-total")).isFalse();
  }

  @Test
  void aRefusedNumberStaysAsTypedBesideItsReasonAndBlocksAsRefusedNotAsUnanswered() {
    FormInput.Parsed parsed = FormInput.parse(predose, fields("baseline-heart-rate", "-5", "phq9-total", "1e2",
        "baseline-spo2", "abc"), CLOCK);
    Answers answers = parsed.answers();

    FormView view = FormView.of(predose, answers, java.util.Set.of(), java.util.Set.of(), parsed.refused(),
        FormReview.missing(predose, answers));

    FormView.Field heartRate = field(view.fields(), "baseline-heart-rate");
    assertThat(heartRate.values()).containsExactly("-5");
    assertThat(heartRate.problem()).contains(parsed.problems().get("baseline-heart-rate"));
    assertThat(field(view.fields(), "phq9-total").values()).containsExactly("1e2");
    assertThat(view.missing()).filteredOn(m -> m.linkId().equals("baseline-heart-rate")).singleElement()
        .extracting(FormReview.Missing::reason).asString()
        .startsWith("Value “-5” refused: ").contains("from 20 to 250").doesNotContain("Not answered");
    assertThat(view.missing()).filteredOn(m -> m.linkId().equals("baseline-spo2")).as("refused, though not required")
        .singleElement().extracting(FormReview.Missing::reason).asString().startsWith("Value “abc” refused: ");
  }

  private static FormView.Field field(List<FormView.Field> fields, String linkId) {
    return all(fields).filter(f -> f.linkId().equals(linkId)).findFirst().orElseThrow();
  }

  private static java.util.stream.Stream<FormView.Field> all(List<FormView.Field> fields) {
    return fields.stream().flatMap(f -> java.util.stream.Stream.concat(java.util.stream.Stream.of(f),
        all(f.children())));
  }

  @Test
  void baselineVitalsOutsideTheQuestionnairesRangesAreRefusedNamingTheQuestion() {
    FormInput.Parsed parsed = FormInput.parse(predose, fields("baseline-systolic", "-5", "baseline-diastolic",
        "\u0663", "baseline-heart-rate", "99999", "baseline-spo2", "-5", "phq9-total", "1e1"), CLOCK);

    assertThat(parsed.problems()).containsOnlyKeys("baseline-systolic", "baseline-diastolic", "baseline-heart-rate",
        "baseline-spo2", "phq9-total");
    assertThat(parsed.answers().has("baseline-diastolic")).isFalse();
    assertThat(parsed.problems().get("baseline-heart-rate")).contains("from 20 to 250");
    assertThat(parsed.problems().get("baseline-spo2")).contains("from 50 to 100");
  }

  @Test
  void decisionTimeThatIsNotARealTimeWithinADayIsRefusedNotDropped() {
    for (String at : List.of("2024-02-30T10:00", "NaN", "+999999999-12-31T23:59", "2026-12-05T10:00")) {
      FormInput.Parsed parsed = FormInput.parse(predose, fields("prescriber-decided-at", at), CLOCK);
      assertThat(parsed.problems()).as(at).containsKey("prescriber-decided-at");
    }
    assertThat(FormInput.parse(predose, fields("prescriber-decided-at", "2026-12-03T09:30"), CLOCK).problems())
        .isEmpty();
  }

  @Test
  void answerLongerThanItsQuestionsMaxLengthIsRefused() {
    FormInput.Parsed parsed = FormInput.parse(predose, fields("escort-name", "x".repeat(201),
        "ci-prescriber-note", "y".repeat(4_001)), CLOCK);

    assertThat(parsed.problems()).containsOnlyKeys("escort-name", "ci-prescriber-note");
  }

  @Test
  void choiceOptionsComeFromThePackagesValueSet() {
    List<Coding> options = predose.options(predose.item("prescriber-decision").orElseThrow());
    assertThat(options).isNotEmpty().allSatisfy(o -> assertThat(o.getSystem()).isNotBlank());
    Coding first = options.get(0);
    FormInput.Parsed parsed = FormInput.parse(predose,
        fields("prescriber-decision", first.getSystem() + "|" + first.getCode()), CLOCK);
    assertThat(((Coding) parsed.answers().first("prescriber-decision").orElseThrow()).getDisplay())
        .isEqualTo(first.getDisplay());
  }

  @Test
  void prescriberDecisionIsAskedOnlyWhenTheStartGateRequiresOne() {
    Answers below = FormInput.parse(predose, fields("decision-required", "false"), CLOCK).answers();
    Answers above = FormInput.parse(predose, fields("decision-required", "true"), CLOCK).answers();
    assertThat(FormReview.missing(predose, below)).extracting(FormReview.Missing::linkId)
        .doesNotContain("prescriber-decision", "prescriber-name");
    assertThat(FormReview.missing(predose, above)).extracting(FormReview.Missing::linkId)
        .contains("prescriber-decision", "prescriber-name", "prescriber-reason", "prescriber-decided-at");
  }

  @Test
  void anyContraindicationAsksForThePrescribersNote() {
    Answers none = FormInput.parse(predose, fields("ci-pregnancy", "false", "ci-hypertension", "false"), CLOCK).answers();
    Answers one = FormInput.parse(predose, fields("ci-pregnancy", "false", "ci-hypertension", "true"), CLOCK).answers();
    assertThat(EnableWhen.isEnabled(predose, predose.item("ci-prescriber-note").orElseThrow(), none)).isFalse();
    assertThat(EnableWhen.isEnabled(predose, predose.item("ci-prescriber-note").orElseThrow(), one)).isTrue();
  }

  @Test
  void everyRequiredQuestionIsMissingOnAnEmptyForm() {
    List<FormReview.Missing> missing = FormReview.missing(predose, Answers.none());
    assertThat(missing).extracting(FormReview.Missing::linkId)
        .contains("fasting", "no-substances", "consent-treatment", "consent-touch", "escort", "baseline-systolic")
        .doesNotContain("escort-name", "consent-touch-limits", "baseline-spo2");
    assertThat(missing).allSatisfy(m -> assertThat(m.question()).isNotBlank());
  }

  @Test
  void responseNestsGroupsAndDropsAnswersToQuestionsNotAsked() {
    Answers answers = FormInput.parse(predose, fields("bp-above-gate", "false", "prescriber-name", "Dr Stale",
        "baseline-systolic", "128", "fasting", "true"), CLOCK).answers();
    QuestionnaireResponse response = ResponseMapper.toResponse(predose, answers, new ResponseMapper.Context(
        "entry-1", "Patient/p1", Optional.of("Encounter/e1"), Optional.of("Practitioner/t1"), new Date(), false));
    assertThat(response.getQuestionnaire()).isEqualTo(FormCatalog.PREDOSE_CHECKLIST);
    assertThat(response.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
    assertThat(response.getIdentifier().getValue()).isEqualTo("entry-1");
    assertThat(response.getItem()).extracting(QuestionnaireResponse.QuestionnaireResponseItemComponent::getLinkId)
        .containsExactly("baseline-vitals", "fasting");
    assertThat(response.getItem().get(0).getItem()).extracting(i -> i.getLinkId())
        .containsExactly("baseline-systolic", "bp-above-gate");
    Answers back = ResponseMapper.fromResponse(response);
    assertThat(back.has("prescriber-name")).isFalse();
    assertThat(back.first("baseline-systolic").orElseThrow().primitiveValue()).isEqualTo("128");
  }

  @Test
  void preparationReadinessNeedsAnExplanationWhenNotReady() {
    Coding needsMore = preparation.options(preparation.item("readiness").orElseThrow()).stream()
        .filter(c -> c.getCode().equals("needs-more-prep")).findFirst().orElseThrow();
    Answers answers = FormInput.parse(preparation, fields("readiness",
        needsMore.getSystem() + "|" + needsMore.getCode()), CLOCK).answers();
    assertThat(FormReview.missing(preparation, answers)).extracting(FormReview.Missing::linkId)
        .contains("readiness-needs", "intentions", "transport").doesNotContain("readiness");
  }

  @Test
  void pageReceivesEachConditionWithTheAnswerAsTheFormSendsIt() {
    assertThat(EnableWhen.forPage(predose.item("escort-name").orElseThrow()))
        .isEqualTo("{\"any\":false,\"when\":[{\"question\":\"escort\",\"operator\":\"=\",\"answer\":\"true\"}]}");
    assertThat(EnableWhen.forPage(preparation.item("readiness-needs").orElseThrow())).startsWith("{\"any\":true,")
        .contains("\"answer\":\"http://kapcompanion.org/fhir/CodeSystem/kap-readiness|needs-more-prep\"",
            "\"answer\":\"http://kapcompanion.org/fhir/CodeSystem/kap-readiness|not-ready\"");
  }
}
