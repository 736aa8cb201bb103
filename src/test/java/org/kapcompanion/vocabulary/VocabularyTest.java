package org.kapcompanion.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks every code, unit, canonical URL and item id of the vocabulary against what {@code fhir-profiles/} ships. */
class VocabularyTest {

  private static final Path PROFILES = Path.of("fhir-profiles");
  private static final Map<String, JsonObject> BY_URL = new HashMap<>();
  private static final List<JsonObject> EXAMPLES = new ArrayList<>();

  @BeforeAll
  static void readPackage() throws IOException {
    try (Stream<Path> files = Files.walk(PROFILES)) {
      files.filter(f -> f.toString().endsWith(".json")).map(VocabularyTest::read).forEach(resource -> {
        if (resource.has("url")) {
          BY_URL.put(resource.get("url").getAsString(), resource);
        } else if (resource.has("resourceType")) {
          EXAMPLES.add(resource);
        }
      });
    }
  }

  @Test
  void everyCanonicalUrlNamesAShippedConformanceResource() throws IllegalAccessException {
    List<String> urls = new ArrayList<>();
    for (Field field : KapUrls.class.getFields()) {
      String url = (String) field.get(null);
      if (Modifier.isStatic(field.getModifiers()) && !url.equals(KapUrls.BASE) && !url.equals(KapUrls.ENTRY_ID)
          && !url.equals(KapUrls.OUTBOX_FALLBACK)) {
        urls.add(url);
      }
    }
    assertThat(urls).hasSizeGreaterThan(20);
    assertThat(BY_URL.keySet()).containsAll(urls);
  }

  @Test
  void everyReadingKindHasItsProfileAndAnExampleCarryingItsCodesAndUnit() {
    for (ReadingKind kind : ReadingKind.values()) {
      assertThat(BY_URL).as(kind + " profile").containsKey(kind.profile());
      JsonObject example = exampleOf(kind.profile()).orElseThrow(() -> new AssertionError("no example of " + kind));
      for (Code code : kind.codes()) {
        assertThat(codings(example.getAsJsonObject("code"))).as(kind + " code").contains(code.system() + "|"
            + code.code());
        if (code.system().equals(KapUrls.OBSERVATION_CODES)) {
          assertThat(conceptDisplay(KapUrls.OBSERVATION_CODES, code.code())).as(kind + " display")
              .contains(code.display());
        }
      }
      kind.ucum().ifPresent(ucum -> assertThat(units(example)).as(kind + " unit").containsOnly(ucum));
    }
  }

  @Test
  void theDosingPageFormsShowTheTablesLabelsUnitsAndRanges() {
    assertThat(ReadingKind.enteredOnDosingPage()).contains(ReadingKind.BLOOD_PRESSURE, ReadingKind.MOAAS)
        .doesNotContain(ReadingKind.CADSS);
    assertThat(ReadingKind.BLOOD_PRESSURE.formLabel()).isEqualTo("Blood pressure (mmHg)");
    assertThat(ReadingKind.OXYGEN_SATURATION.formLabel()).isEqualTo("SpO₂ (%)");
    assertThat(ReadingKind.MOAAS.formLabel()).isEqualTo("MOAA/S 0–5 (clinician-rated, 5 = alert)");
    assertThat(ReadingKind.DISSOCIATION.formLabel()).isEqualTo("Dissociation 0–4 (clinician-rated)");
    assertThat(ReadingKind.SUDS.formLabel()).isEqualTo("SUDS 0–10 (patient-rated)");
    assertThat(ReadingKind.CADSS.labelWithUnit()).isEqualTo("CADSS total 0–92 (clinician-rated)");
  }

  @Test
  void bloodPressureComponentsAreTheExamplePanelsComponents() {
    JsonObject example = exampleOf(ReadingKind.BLOOD_PRESSURE.profile()).orElseThrow();
    List<String> components = new ArrayList<>();
    example.getAsJsonArray("component").forEach(c -> components.addAll(codings(c.getAsJsonObject()
        .getAsJsonObject("code"))));
    assertThat(components).containsExactly(key(ReadingKind.SYSTOLIC), key(ReadingKind.DIASTOLIC));
  }

  @Test
  void sessionCodesAndTypesAreInTheirCodeSystemsWithTheirDisplays() {
    for (SessionCode code : SessionCode.values()) {
      assertThat(conceptDisplay(KapUrls.OBSERVATION_CODES, code.value())).as(code.toString())
          .contains(code.code().display());
      code.profile().ifPresent(profile -> assertThat(BY_URL).containsKey(profile));
    }
    for (SessionType type : SessionType.values()) {
      assertThat(conceptDisplay(KapUrls.SESSION_TYPES, type.value())).as(type.toString())
          .contains(type.code().display());
    }
  }

  @Test
  void drugsRoutesAndOutcomeScoresAreTheValueSetsConcepts() {
    assertThat(Stream.of(Drug.values()).map(Drug::code).toList())
        .containsExactlyInAnyOrderElementsOf(valueSet("kap-ketamine-medication"));
    assertThat(Stream.of(Route.values()).map(Route::code).toList())
        .containsExactlyInAnyOrderElementsOf(valueSet("kap-administration-route"));
    assertThat(Stream.of(OutcomeScore.values()).map(OutcomeScore::code).toList())
        .containsExactlyInAnyOrderElementsOf(valueSet("kap-outcome-score"));
  }

  @Test
  void adverseEventsAreTheValueSetsConceptsAndTheKapOnesAreInTheirCodeSystem() {
    assertThat(Stream.of(AdverseEventCode.values()).map(AdverseEventCode::code).toList())
        .containsExactlyInAnyOrderElementsOf(valueSet("kap-adverse-event"));
    assertThat(Stream.of(AdverseEventCode.values()).map(AdverseEventCode::code)
        .filter(c -> c.system().equals(KapUrls.ADVERSE_EVENT_CODES)).toList())
        .containsExactlyInAnyOrderElementsOf(codeSystem(KapUrls.ADVERSE_EVENT_CODES));
    assertThat(Stream.of(AdverseEventCode.values()).map(AdverseEventCode::code).map(Code::system).distinct())
        .containsExactlyInAnyOrder(Systems.SNOMED, KapUrls.ADVERSE_EVENT_CODES);
  }

  @Test
  void answerAndAlertCodesAreTheirCodeSystemsConcepts() {
    assertThat(Stream.of(ReadinessCode.values()).map(ReadinessCode::code).toList())
        .containsExactlyInAnyOrderElementsOf(codeSystem(KapUrls.READINESS));
    assertThat(Stream.of(PrescriberDecisionCode.values()).map(PrescriberDecisionCode::code).toList())
        .containsExactlyInAnyOrderElementsOf(codeSystem(KapUrls.PRESCRIBER_DECISIONS));
    assertThat(codeSystem(KapUrls.ALERT_CODES)).containsAll(Stream.of(AlertCode.values())
        .map(AlertCode::code).toList());
  }

  @Test
  void reviewCodesAreTheirCodeSystemsConceptsWithTheirDisplays() {
    assertThat(Stream.of(ReviewReason.values()).map(ReviewReason::code).toList())
        .containsExactlyInAnyOrderElementsOf(codeSystem(KapUrls.REVIEW_REASONS));
    assertThat(Stream.of(ReviewStatus.values()).map(ReviewStatus::code).toList())
        .containsExactlyInAnyOrderElementsOf(codeSystem(KapUrls.REVIEW_STATUSES));
  }

  @Test
  void everyItemIdIsAnItemOfItsQuestionnaire() {
    for (ItemId item : ItemId.values()) {
      JsonObject questionnaire = BY_URL.get(item.questionnaire());
      assertThat(questionnaire).as(item.questionnaire()).isNotNull();
      assertThat(linkIds(questionnaire.getAsJsonArray("item"))).as(item.toString()).contains(item.linkId());
    }
  }

  private static Optional<JsonObject> exampleOf(String profile) {
    return EXAMPLES.stream().filter(e -> e.has("meta") && e.getAsJsonObject("meta").has("profile")
        && e.getAsJsonObject("meta").getAsJsonArray("profile").toString().contains("\"" + profile + "\"")).findFirst();
  }

  private static List<String> codings(JsonObject concept) {
    List<String> codings = new ArrayList<>();
    concept.getAsJsonArray("coding").forEach(c -> codings.add(c.getAsJsonObject().get("system").getAsString() + "|"
        + c.getAsJsonObject().get("code").getAsString()));
    return codings;
  }

  private static List<String> units(JsonObject example) {
    List<String> units = new ArrayList<>();
    if (example.has("valueQuantity")) {
      units.add(example.getAsJsonObject("valueQuantity").get("code").getAsString());
    }
    if (example.has("component")) {
      example.getAsJsonArray("component").forEach(c -> units.add(c.getAsJsonObject()
          .getAsJsonObject("valueQuantity").get("code").getAsString()));
    }
    return units;
  }

  private static Optional<String> conceptDisplay(String codeSystem, String code) {
    List<String> found = new ArrayList<>();
    BY_URL.get(codeSystem).getAsJsonArray("concept").forEach(c -> {
      if (c.getAsJsonObject().get("code").getAsString().equals(code)) {
        found.add(c.getAsJsonObject().get("display").getAsString());
      }
    });
    return found.stream().findFirst();
  }

  private static List<Code> valueSet(String id) {
    List<Code> codes = new ArrayList<>();
    for (JsonElement include : BY_URL.get(KapUrls.BASE + "ValueSet/" + id).getAsJsonObject("compose")
        .getAsJsonArray("include")) {
      String system = include.getAsJsonObject().get("system").getAsString();
      include.getAsJsonObject().getAsJsonArray("concept").forEach(c -> codes.add(new Code(system,
          c.getAsJsonObject().get("code").getAsString(), c.getAsJsonObject().get("display").getAsString())));
    }
    return codes;
  }

  private static List<Code> codeSystem(String url) {
    List<Code> codes = new ArrayList<>();
    BY_URL.get(url).getAsJsonArray("concept").forEach(c -> codes.add(new Code(url,
        c.getAsJsonObject().get("code").getAsString(), c.getAsJsonObject().get("display").getAsString())));
    return codes;
  }

  private static List<String> linkIds(JsonArray items) {
    List<String> ids = new ArrayList<>();
    if (items != null) {
      items.forEach(item -> {
        ids.add(item.getAsJsonObject().get("linkId").getAsString());
        ids.addAll(linkIds(item.getAsJsonObject().getAsJsonArray("item")));
      });
    }
    return ids;
  }

  private static String key(Code code) {
    return code.system() + "|" + code.code();
  }

  private static JsonObject read(Path file) {
    try {
      return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
