package org.kapcompanion.launch;

import org.kapcompanion.session.LaunchContext;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchContextParserTest {

  @Test
  void readsPatientEncounterAndBanner() {
    LaunchContext context = LaunchContextParser.parse(Map.of("patient", "p1", "encounter", "e1",
        "need_patient_banner", false, "intent", "reconcile", "smart_style_url", "https://ehr/style.json"));
    assertThat(context).isEqualTo(new LaunchContext(java.util.Optional.of("p1"), java.util.Optional.of("e1"), false));
  }

  @Test
  void bannerIsShownUnlessTheEhrSaysOtherwise() {
    assertThat(LaunchContextParser.parse(Map.of()).needPatientBanner()).isTrue();
    assertThat(LaunchContextParser.parse(Map.of("need_patient_banner", "false")).needPatientBanner()).isFalse();
  }

  @Test
  void encounterNamedOnlyInFhirContextIsTheLaunchEncounterInBothShapes() {
    LaunchContext objects = LaunchContextParser.parse(Map.of("patient", "p1", "fhirContext", List.of(
        Map.of("reference", "Appointment/1", "role", "launch"), Map.of("reference", "Encounter/7"),
        Map.of("canonical", "http://kapcompanion.org/fhir/Questionnaire/kap-preparation", "type", "Questionnaire"))));
    LaunchContext strings = LaunchContextParser.parse(Map.of("fhirContext", List.of("Encounter/7")));

    assertThat(objects.encounterId()).contains("7");
    assertThat(strings.encounterId()).contains("7");
  }

  @Test
  void encounterParameterWinsAndSeveralEncountersInFhirContextNameNone() {
    assertThat(LaunchContextParser.parse(Map.of("encounter", "e1", "fhirContext", List.of("Encounter/7")))
        .encounterId()).contains("e1");
    assertThat(LaunchContextParser.parse(Map.of("fhirContext", List.of("Encounter/7", "Encounter/8")))
        .encounterId()).isEmpty();
  }

  @Test
  void ignoresMalformedValues() {
    LaunchContext context = LaunchContextParser.parse(Map.of("patient", List.of("x"), "fhirContext", "Encounter/7"));
    assertThat(context.patientId()).isEmpty();
    assertThat(context.encounterId()).isEmpty();
  }
}
