package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QuestionnairesTest {

  private static final String BASE = "http://kapcompanion.org/fhir/Questionnaire/";

  static Stream<String> urls() {
    return Stream.of("kap-preparation", "kap-predose-checklist", "kap-discharge-checklist", "phq-9", "gad-7")
        .map(id -> BASE + id);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("urls")
  void questionnaireIsShippedAndValid(String url) {
    Questionnaire questionnaire = SharedValidator.PACKAGE.questionnaire(url).orElseThrow();

    ValidationResult result = SharedValidator.ON_ALL_OF_R4_CORE.validateAgainst(
        questionnaire, "http://hl7.org/fhir/StructureDefinition/Questionnaire");

    assertThat(result).as("%s", result).isInstanceOf(ValidationResult.Valid.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("urls")
  void questionnaireHasAnExampleResponse(String url) {
    assertThat(SharedValidator.PACKAGE.examples())
        .filteredOn(QuestionnaireResponse.class::isInstance)
        .map(r -> ((QuestionnaireResponse) r).getQuestionnaire())
        .contains(url);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("urls")
  void linkIdsAreUniqueWithinTheQuestionnaire(String url) {
    List<String> linkIds = flatten(SharedValidator.PACKAGE.questionnaire(url).orElseThrow().getItem())
        .map(QuestionnaireItemComponent::getLinkId)
        .toList();

    assertThat(linkIds).doesNotHaveDuplicates();
  }

  @Test
  void vitalSignItemsTakeTheRangeOfTheirReadingKind() {
    Questionnaire predose = SharedValidator.PACKAGE.questionnaire(BASE + "kap-predose-checklist").orElseThrow();
    Questionnaire discharge = SharedValidator.PACKAGE.questionnaire(BASE + "kap-discharge-checklist").orElseThrow();
    java.util.Map<QuestionnaireItemComponent, org.kapcompanion.vocabulary.ReadingKind> items = java.util.Map.of(
        item(predose, "baseline-systolic"), org.kapcompanion.vocabulary.ReadingKind.BLOOD_PRESSURE,
        item(predose, "baseline-diastolic"), org.kapcompanion.vocabulary.ReadingKind.BLOOD_PRESSURE,
        item(predose, "baseline-heart-rate"), org.kapcompanion.vocabulary.ReadingKind.HEART_RATE,
        item(predose, "baseline-spo2"), org.kapcompanion.vocabulary.ReadingKind.OXYGEN_SATURATION,
        item(discharge, "discharge-systolic"), org.kapcompanion.vocabulary.ReadingKind.BLOOD_PRESSURE,
        item(discharge, "discharge-diastolic"), org.kapcompanion.vocabulary.ReadingKind.BLOOD_PRESSURE);
    items.forEach((item, kind) -> {
      assertThat(bound(item, "minValue")).as(item.getLinkId()).isEqualTo(kind.min());
      assertThat(bound(item, "maxValue")).as(item.getLinkId()).isEqualTo(kind.max());
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("urls")
  void everyTextAnswerHasAMaximumLength(String url) {
    assertThat(flatten(SharedValidator.PACKAGE.questionnaire(url).orElseThrow().getItem())
        .filter(i -> i.getType() == Questionnaire.QuestionnaireItemType.STRING
            || i.getType() == Questionnaire.QuestionnaireItemType.TEXT))
        .allSatisfy(i -> assertThat(i.getMaxLength()).as(i.getLinkId()).isBetween(1, 4_000));
  }

  private static int bound(QuestionnaireItemComponent item, String name) {
    return ((org.hl7.fhir.r4.model.IntegerType) item.getExtensionByUrl(
        "http://hl7.org/fhir/StructureDefinition/" + name).getValue()).getValue();
  }

  @Test
  void preparationUsesTheLinkIdsOfTheModel() {
    Questionnaire preparation = SharedValidator.PACKAGE.questionnaire(BASE + "kap-preparation").orElseThrow();

    assertThat(flatten(preparation.getItem()).map(QuestionnaireItemComponent::getLinkId))
        .contains("intentions", "history", "triggers", "coping", "readiness", "support-person", "transport",
            "safety-plan", "setting-music", "setting-eyeshades", "setting-touch", "fasting-instructed");
    assertThat(item(preparation, "readiness").getAnswerValueSet())
        .isEqualTo("http://kapcompanion.org/fhir/ValueSet/kap-readiness");
  }

  @Test
  void prescriberDecisionIsAskedOnlyWhenTheStartGateRequiresOne() {
    Questionnaire checklist = SharedValidator.PACKAGE.questionnaire(BASE + "kap-predose-checklist").orElseThrow();

    QuestionnaireItemComponent decision = item(checklist, "prescriber-decision");

    assertThat(decision.getRequired()).isTrue();
    assertThat(decision.getEnableWhen()).singleElement()
        .satisfies(when -> {
          assertThat(when.getQuestion()).isEqualTo("decision-required");
          assertThat(when.getAnswerBooleanType().booleanValue()).isTrue();
        });
  }

  @Test
  void phq9ScoresEachItemZeroToThreeWithLoincAnswers() {
    Questionnaire phq9 = SharedValidator.PACKAGE.questionnaire(BASE + "phq-9").orElseThrow();
    List<QuestionnaireItemComponent> questions = phq9.getItem().stream()
        .filter(i -> i.getType() == Questionnaire.QuestionnaireItemType.CHOICE)
        .toList();

    assertThat(questions).hasSize(9).allSatisfy(question -> {
      assertThat(question.getCodeFirstRep().getSystem()).isEqualTo("http://loinc.org");
      assertThat(question.getAnswerOption())
          .extracting(option -> option.getValueCoding().getCode() + "="
              + option.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/ordinalValue").getValue().primitiveValue())
          .containsExactly("LA6568-5=0", "LA6569-3=1", "LA6570-1=2", "LA6571-9=3");
    });
    assertThat(item(phq9, "phq9-total").getCode()).extracting(Coding::getCode).containsExactly("44261-6");
  }

  private static QuestionnaireItemComponent item(Questionnaire questionnaire, String linkId) {
    return flatten(questionnaire.getItem()).filter(i -> i.getLinkId().equals(linkId)).findFirst().orElseThrow();
  }

  private static Stream<QuestionnaireItemComponent> flatten(List<QuestionnaireItemComponent> items) {
    return items.stream().flatMap(i -> Stream.concat(Stream.of(i), flatten(i.getItem())));
  }
}
