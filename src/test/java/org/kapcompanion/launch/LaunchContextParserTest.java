package org.kapcompanion.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchContextParserTest {

  @Test
  void readsPatientEncounterAndHints() {
    LaunchContext context = LaunchContextParser.parse(Map.of("patient", "p1", "encounter", "e1",
        "need_patient_banner", false, "intent", "reconcile", "smart_style_url", "https://ehr/style.json"));
    assertThat(context.patientId()).contains("p1");
    assertThat(context.encounterId()).contains("e1");
    assertThat(context.needPatientBanner()).isFalse();
    assertThat(context.intent()).contains("reconcile");
    assertThat(context.smartStyleUrl()).contains(URI.create("https://ehr/style.json"));
  }

  @Test
  void bannerIsShownUnlessTheEhrSaysOtherwise() {
    assertThat(LaunchContextParser.parse(Map.of()).needPatientBanner()).isTrue();
    assertThat(LaunchContextParser.parse(Map.of("need_patient_banner", "false")).needPatientBanner()).isFalse();
  }

  @Test
  void fhirContextAcceptsObjectShape() {
    LaunchContext context = LaunchContextParser.parse(Map.of("fhirContext", List.of(
        Map.of("reference", "Appointment/1", "role", "launch"),
        Map.of("canonical", "http://kapcompanion.org/fhir/Questionnaire/kap-preparation", "type", "Questionnaire"))));
    assertThat(context.fhirContext()).hasSize(2);
    assertThat(context.fhirContext().get(0).reference()).contains("Appointment/1");
    assertThat(context.fhirContext().get(0).role()).contains("launch");
    assertThat(context.fhirContext().get(1).canonical()).contains(
        "http://kapcompanion.org/fhir/Questionnaire/kap-preparation");
  }

  @Test
  void fhirContextAcceptsStringShape() {
    LaunchContext context = LaunchContextParser.parse(Map.of("fhirContext", List.of("Encounter/7")));
    assertThat(context.fhirContext()).singleElement()
        .satisfies(item -> assertThat(item.reference()).contains("Encounter/7"));
  }

  @Test
  void ignoresMalformedValues() {
    LaunchContext context = LaunchContextParser.parse(Map.of("patient", List.of("x"), "fhirContext", "Encounter/7",
        "smart_style_url", "::not a url"));
    assertThat(context.patientId()).isEmpty();
    assertThat(context.fhirContext()).isEmpty();
    assertThat(context.smartStyleUrl()).isEmpty();
  }
}
