package org.kapcompanion.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The protocol's {@code course} keys: shipped defaults, a clinic's own values, and a contradiction refused. */
class CourseRulesTest {

  @TempDir
  Path dir;

  private ConfigLoader loader;

  @BeforeEach
  void setUp() throws IOException {
    ShippedProtocol.copyInto(dir);
    loader = new ConfigLoader(Map.of(), dir);
  }

  @Test
  void shippedProtocolCarriesTheCourseDefaults() throws Exception {
    assertThat(loader.parse(BASE).protocol().course()).isEqualTo(CourseRules.defaults());
    assertThat(CourseRules.defaults()).extracting(CourseRules::inductionSessions, CourseRules::inductionWithinDays,
        CourseRules::maintenanceEveryDays, CourseRules::minimumDaysBetweenSessions, CourseRules::maximumDoseStepMg,
        CourseRules::cumulativeDays30Mg, CourseRules::cumulativeDays90Mg, CourseRules::remeasureEveryDays,
        CourseRules::pcl5RemissionBelow).containsExactly(6, 21, 28, 2, 50, 700, 1400, 14, 33);
  }

  @Test
  void shippedProtocolFlagsNaltrexoneAsAnInteractionAndSleepApneaAsAPrecaution() throws Exception {
    ClinicalProtocol protocol = loader.parse(BASE).protocol();
    assertThat(protocol.interactingMedications()).anySatisfy(medication -> {
      assertThat(medication.rxnormCodes()).contains("7243");
      assertThat(medication.nameKeywords()).contains("naltrexone");
    });
    assertThat(protocol.contraindications()).anySatisfy(condition -> {
      assertThat(condition.snomedCodes()).contains("78275009");
      assertThat(condition.severity()).isEqualTo("caution");
    });
  }

  @Test
  void shippedProtocolCarriesTheCoursesClinicalContent() throws Exception {
    ClinicalProtocol protocol = loader.parse(BASE).protocol();
    record Medication(String code, String keyword) {}
    for (Medication expected : java.util.List.of(new Medication("39786", "venlafaxine"),
        new Medication("28439", "lamotrigine"), new Medication("6901", "methylphenidate"))) {
      assertThat(protocol.interactingMedications()).as(expected.toString()).anySatisfy(medication -> {
        assertThat(medication.rxnormCodes()).contains(expected.code());
        assertThat(medication.nameKeywords()).contains(expected.keyword());
      });
    }
    assertThat(protocol.interactingMedications()).anySatisfy(medication -> assertThat(medication.nameKeywords())
        .contains("selegiline", "emsam", "rasagiline", "linezolid"));
    for (String code : new String[] {"22298006", "4557003", "34486009", "59927004"}) {
      assertThat(protocol.contraindications()).as(code).anySatisfy(condition -> {
        assertThat(condition.snomedCodes()).contains(code);
        assertThat(condition.severity()).isEqualTo("contraindication");
      });
    }
    assertThat(protocol.contraindications()).anySatisfy(condition -> assertThat(condition.nameKeywords())
        .contains("intracranial pressure"));
    assertThat(protocol.gates().consequence("ci-medical")).isEqualTo(ClinicalProtocol.Consequence.PRESCRIBER_DECISION);
    assertThat(protocol.gates().consequence("precaution-airway")).isEqualTo(ClinicalProtocol.Consequence.CAUTION);
    assertThat(protocol.gates().consequence("misuse-craving"))
        .isEqualTo(ClinicalProtocol.Consequence.PRESCRIBER_DECISION);
    assertThat(protocol.course().consent()).isEqualTo(new CourseRules.Consent(365, false));
    assertThat(protocol.fasting()).isEqualTo(new ClinicalProtocol.Fasting(2, 30));
  }

  @Test
  void eachShippedRxNormCodeBelongsToTheClassItsIngredientIsIn() throws Exception {
    java.util.Map<String, String> classOf = new java.util.HashMap<>();
    loader.parse(BASE).protocol().interactingMedications().forEach(medication ->
        medication.rxnormCodes().forEach(code -> assertThat(classOf.put(code, medication.name()))
            .as("RxNorm " + code + " in one class only").isNull()));

    record Row(String code, String ingredient, String medicationClass) {}
    for (Row row : java.util.List.of(new Row("6470", "lorazepam", "Benzodiazepine"),
        new Row("2598", "clonazepam", "Benzodiazepine"), new Row("596", "alprazolam", "Benzodiazepine"),
        new Row("3322", "diazepam", "Benzodiazepine"), new Row("28439", "lamotrigine", "Lamotrigine"),
        new Row("190376", "linezolid", "MAO inhibitor"), new Row("7243", "naltrexone", "Opioid antagonist (naltrexone)"),
        new Row("39786", "venlafaxine", "SNRI (venlafaxine and others)"), new Row("7052", "morphine", "Opioid"),
        new Row("6901", "methylphenidate", "Psychostimulant"))) {
      assertThat(classOf.get(row.code())).as(row.ingredient()).isEqualTo(row.medicationClass());
    }
    assertThat(classOf).as("the codes config/README.md lists as checked, and no other").hasSize(21);
  }

  @Test
  void aClinicsOwnCourseRulesAreRead() throws Exception {
    write("""
        {"clinic": {"name": "Clinic", "phone": "1"}, "course": {"induction": {"sessions": 8, "withinDays": 28},
         "minimumDaysBetweenSessions": 3, "maximumDoseStepMg": 28, "cumulativeDoseLimitMg": {"days30": 672},
         "remission": {"pcl5Below": 31}, "substanceUse": {"nameKeywords": ["Gambling"]}}}""");
    CourseRules rules = loader.parse(BASE).protocol().course();
    assertThat(rules.inductionSessions()).isEqualTo(8);
    assertThat(rules.inductionWithinDays()).isEqualTo(28);
    assertThat(rules.minimumDaysBetweenSessions()).isEqualTo(3);
    assertThat(rules.maximumDoseStepMg()).isEqualTo(28);
    assertThat(rules.cumulativeDays30Mg()).isEqualTo(672);
    assertThat(rules.cumulativeDays90Mg()).isEqualTo(1400);
    assertThat(rules.pcl5RemissionBelow()).isEqualTo(31);
    assertThat(rules.substanceUseKeywords()).containsExactly("gambling");
    assertThat(rules.substanceUseSnomedCodes()).containsExactly("66590003");
  }

  @Test
  void aNinetyDayLimitBelowTheThirtyDayLimitStopsTheStartWithTheFix() throws Exception {
    write("""
        {"clinic": {"name": "Clinic", "phone": "1"}, "course": {"cumulativeDoseLimitMg": {"days30": 900,
         "days90": 800}, "maximumDoseStepMg": 0}}""");
    assertThatThrownBy(() -> loader.parse(BASE)).isInstanceOfSatisfying(ConfigException.class,
        e -> assertThat(e.problems()).contains(
            "protocol.course.cumulativeDoseLimitMg.days90: is 800 mg, below days30 (900 mg) — write a 90-day limit "
                + "at least as large as the 30-day limit, e.g. 1400 and 700",
            "protocol.course.maximumDoseStepMg: is 0, outside 1–1000 — write a whole number between 1 and 1000"));
  }

  private static final String BASE = "{\"publicBaseUrl\": \"https://kap.example.org/\", \"tenants\": []}";

  private void write(String protocol) throws IOException {
    Files.writeString(dir.resolve("config/clinical-protocol.json"), protocol);
  }
}
