package org.kapcompanion.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.TenantConfig;
import org.kapcompanion.config.TenantConfig.AuthMethod;

class CapabilityAnalysisTest {

  private static final SmartMetadata SMART = new SmartMetadata(
      Set.of("launch-ehr", "client-public", "client-confidential-asymmetric", "permission-v2"), Set.of("S256"),
      Set.of("private_key_jwt"), Set.of());

  @Test
  void serverOfferingEverythingGetsTransactionsAndCarePlans() {
    CapabilityReport report = CapabilityAnalysis.analyse(statement(true, true, Map.of()), SMART, AuthMethod.NONE);

    assertThat(report.ok()).isTrue();
    assertThat(report.problems()).isEmpty();
    assertThat(report.fallbacks()).isEmpty();
    assertThat(report.writePlan()).isEqualTo(new CapabilityReport.WritePlan(
        CapabilityReport.BundleStrategy.TRANSACTION, CapabilityReport.PlanTarget.CARE_PLAN, List.of()));
    assertThat(report.scopeSyntax()).isEqualTo(CapabilityReport.ScopeSyntax.V2);
    assertThat(report.resources()).extracting(CapabilityReport.ResourceSupport::type).containsExactly(
        "Patient", "Practitioner", "Condition", "MedicationRequest", "MedicationStatement", "AllergyIntolerance",
        "Observation", "Encounter", "MedicationAdministration", "QuestionnaireResponse", "Flag", "Provenance",
        "CarePlan", "Goal", "DocumentReference", "Task");
  }

  @Test
  void withoutTransactionConditionalCreatesAreUsed() {
    CapabilityReport report = CapabilityAnalysis.analyse(statement(false, true, Map.of()), SMART, AuthMethod.NONE);

    assertThat(report.ok()).isTrue();
    assertThat(report.writePlan().bundles()).isEqualTo(CapabilityReport.BundleStrategy.CONDITIONAL_CREATES);
    assertThat(report.fallbacks()).anySatisfy(f -> assertThat(f).startsWith("transaction is not supported"));
  }

  @Test
  void withoutConditionalCreatePlainCreatesAreUsedAndNamed() {
    CapabilityReport report = CapabilityAnalysis.analyse(statement(false, false, Map.of()), SMART, AuthMethod.NONE);

    assertThat(report.writePlan().bundles()).isEqualTo(CapabilityReport.BundleStrategy.PLAIN_CREATES);
    assertThat(report.writePlan().plainCreateTypes()).contains("Observation", "QuestionnaireResponse");
    assertThat(report.writePlanSummary()).startsWith("individual creates (plain for Observation");
  }

  @Test
  void readOnlyCarePlanFallsBackToDocumentReference() {
    CapabilityReport report = CapabilityAnalysis.analyse(statement(true, true,
        Map.of("CarePlan", EnumSet.of(TypeRestfulInteraction.READ, TypeRestfulInteraction.SEARCHTYPE))),
        SMART, AuthMethod.NONE);

    assertThat(report.ok()).isTrue();
    assertThat(report.writePlan().integrationPlan()).isEqualTo(CapabilityReport.PlanTarget.DOCUMENT_REFERENCE);
    assertThat(report.resources()).filteredOn(r -> r.type().equals("CarePlan")).singleElement()
        .satisfies(carePlan -> assertThat(carePlan.cell(Interaction.CREATE)).isEqualTo("MISSING"));
  }

  @Test
  void questionnaireResponseUpdateOnlyIsAFallbackNotAProblem() {
    CapabilityReport report = CapabilityAnalysis.analyse(statement(true, true,
        Map.of("QuestionnaireResponse", EnumSet.of(TypeRestfulInteraction.UPDATE))), SMART, AuthMethod.NONE);

    assertThat(report.ok()).isTrue();
    assertThat(report.fallbacks()).anySatisfy(f -> assertThat(f).contains("written by update"));
  }

  @Test
  void missingObservationCreateStopsTheApp() {
    CapabilityReport report = CapabilityAnalysis.analyse(statement(true, true,
        Map.of("Observation", EnumSet.of(TypeRestfulInteraction.READ, TypeRestfulInteraction.SEARCHTYPE))),
        SMART, AuthMethod.NONE);

    assertThat(report.ok()).isFalse();
    assertThat(report.problems()).anySatisfy(p -> assertThat(p).startsWith("Observation create is not supported"));
  }

  @Test
  void noPlaceForTheIntegrationPlanStopsTheApp() {
    Set<TypeRestfulInteraction> readOnly = EnumSet.of(TypeRestfulInteraction.READ);
    CapabilityReport report = CapabilityAnalysis.analyse(statement(true, true,
        Map.of("CarePlan", readOnly, "DocumentReference", readOnly)), SMART, AuthMethod.NONE);

    assertThat(report.writePlan().integrationPlan()).isEqualTo(CapabilityReport.PlanTarget.NOWHERE);
    assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("integration plan cannot be saved"));
  }

  @Test
  void configuredClientAuthenticationMustBeOffered() {
    CapabilityReport report = CapabilityAnalysis.analyse(statement(true, true, Map.of()), SMART,
        AuthMethod.CLIENT_SECRET_POST);

    assertThat(report.authMethodOffered()).isFalse();
    assertThat(report.authMethodsOffered()).containsExactlyInAnyOrder("private_key_jwt", "none");
    assertThat(report.problems()).anySatisfy(p -> assertThat(p).startsWith("client authentication "
        + "client_secret_post is configured but the EHR offers"));
  }

  @Test
  void privateKeyJwtSigningWithAnAlgorithmTheEhrDoesNotAcceptIsAProblem() {
    SmartMetadata es256Only = new SmartMetadata(SMART.capabilities(), Set.of("S256"), Set.of("private_key_jwt"),
        Set.of(), Set.of("ES256", "ES384"));
    TenantConfig.ClientAuth rs384 = new TenantConfig.ClientAuth(AuthMethod.PRIVATE_KEY_JWT, Optional.empty(),
        Optional.of("RS384"));
    TenantConfig.ClientAuth es384 = new TenantConfig.ClientAuth(AuthMethod.PRIVATE_KEY_JWT, Optional.empty(),
        Optional.of("ES384"));

    assertThat(CapabilityAnalysis.analyse(statement(true, true, Map.of()), es256Only, rs384).problems())
        .anySatisfy(p -> assertThat(p).startsWith("private_key_jwt signs with RS384 but the EHR accepts"));
    assertThat(CapabilityAnalysis.analyse(statement(true, true, Map.of()), es256Only, es384).problems())
        .noneSatisfy(p -> assertThat(p).contains("private_key_jwt signs with"));
  }

  @Test
  void missingPkceAndWrongFhirVersionAreProblems() {
    CapabilityStatement dstu3 = statement(true, true, Map.of()).setFhirVersion(FHIRVersion._3_0_2);
    SmartMetadata noPkce = new SmartMetadata(Set.of("client-public"), Set.of("plain"), Set.of(), Set.of());

    CapabilityReport report = CapabilityAnalysis.analyse(dstu3, noPkce, AuthMethod.NONE);

    assertThat(report.pkceS256()).isFalse();
    assertThat(report.scopeSyntax()).isEqualTo(CapabilityReport.ScopeSyntax.V1);
    assertThat(report.problems()).anySatisfy(p -> assertThat(p).startsWith("PKCE S256 is not offered"))
        .anySatisfy(p -> assertThat(p).startsWith("FHIR version is 3.0.2"));
  }

  @Test
  void fhirEndpointsAreLabelledByResourceType() {
    assertThat(FhirClientMetrics.endpoint("/fhir/Observation?patient=123&_count=50")).isEqualTo("Observation");
    assertThat(FhirClientMetrics.endpoint("https://ehr.example.org/r4/Patient/abc")).isEqualTo("Patient");
    assertThat(FhirClientMetrics.endpoint("/fhir/metadata")).isEqualTo("metadata");
    assertThat(FhirClientMetrics.endpoint("/fhir")).isEqualTo("system");
  }

  /** An R4 server supporting read, search, create and update on everything, except {@code overrides}. */
  static CapabilityStatement statement(boolean transaction, boolean conditionalCreate,
      Map<String, Set<TypeRestfulInteraction>> overrides) {
    CapabilityStatementRestComponent rest = new CapabilityStatementRestComponent()
        .setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
    for (String type : CapabilityAnalysis.NEEDS.keySet()) {
      CapabilityStatement.CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type);
      resource.setConditionalCreate(conditionalCreate);
      overrides.getOrDefault(type, EnumSet.of(TypeRestfulInteraction.READ, TypeRestfulInteraction.SEARCHTYPE,
          TypeRestfulInteraction.CREATE, TypeRestfulInteraction.UPDATE))
          .forEach(code -> resource.addInteraction().setCode(code));
    }
    if (transaction) {
      rest.addInteraction().setCode(SystemRestfulInteraction.TRANSACTION);
    }
    return new CapabilityStatement().setFhirVersion(FHIRVersion._4_0_1).addRest(rest);
  }
}
