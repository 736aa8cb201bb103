package org.kapcompanion.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class PersonaEnforcementTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private final PersonaEnforcement epic = new PersonaEnforcement(Persona.of("epic-like").rules());
  private final PersonaEnforcement oracle = new PersonaEnforcement(Persona.of("oracle-like").rules());
  private final PersonaEnforcement strict = new PersonaEnforcement(Persona.of("strict").rules());

  @Test
  void vendorPersonasRefuseCarePlanAndGoalWritesAndEpicLikeProvenance() {
    assertThatThrownBy(() -> epic.enforce(request("CarePlan", "{}"), RestOperationTypeEnum.CREATE))
        .isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> oracle.enforce(request("Goal", "{}"), RestOperationTypeEnum.UPDATE))
        .isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> epic.enforce(request("Provenance", "{}"), RestOperationTypeEnum.CREATE))
        .isInstanceOf(MethodNotAllowedException.class);
    assertThatCode(() -> oracle.enforce(request("Provenance", "{}"), RestOperationTypeEnum.CREATE))
        .doesNotThrowAnyException();
    assertThatCode(() -> strict.enforce(request("CarePlan", "{}"), RestOperationTypeEnum.CREATE))
        .doesNotThrowAnyException();
  }

  @Test
  void oracleLikeCreatesQuestionnaireResponsesByUpdateOnly() {
    assertThatThrownBy(() -> oracle.enforce(request("QuestionnaireResponse", "{}"), RestOperationTypeEnum.CREATE))
        .isInstanceOf(MethodNotAllowedException.class);
    assertThatCode(() -> oracle.enforce(request("QuestionnaireResponse", "{}"), RestOperationTypeEnum.UPDATE))
        .doesNotThrowAnyException();
  }

  @Test
  void vendorPersonasRefuseConditionalCreateTransactionsAndBatches() {
    SystemRequestDetails conditional = request("Observation", observation("vital-signs"));
    conditional.addHeader("If-None-Exist", "identifier=x|y");
    assertThatThrownBy(() -> epic.enforce(conditional, RestOperationTypeEnum.CREATE))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("conditional create");
    assertThatThrownBy(() -> oracle.enforce(request(null, "{}"), RestOperationTypeEnum.TRANSACTION))
        .isInstanceOf(MethodNotAllowedException.class);
    assertThatThrownBy(() -> epic.enforce(request(null, "{}"), RestOperationTypeEnum.BATCH))
        .isInstanceOf(MethodNotAllowedException.class);
  }

  @Test
  void observationCreatesAreTakenForAFewCategoriesOnly() {
    assertThatCode(() -> epic.enforce(request("Observation", observation("vital-signs")),
        RestOperationTypeEnum.CREATE)).doesNotThrowAnyException();
    assertThatCode(() -> epic.enforce(request("Observation", observation("exam")),
        RestOperationTypeEnum.CREATE)).doesNotThrowAnyException();
    assertThatThrownBy(() -> oracle.enforce(request("Observation", observation("laboratory")),
        RestOperationTypeEnum.CREATE)).isInstanceOf(UnprocessableEntityException.class);
  }

  @Test
  void searchesOfPatientDataMustNameThePatientAndPagesAreCapped() {
    SystemRequestDetails acrossPatients = request("Observation", "");
    acrossPatients.setParameters(Map.of("_lastUpdated", new String[] {"ge2026-01-01"}));
    assertThatThrownBy(() -> epic.enforce(acrossPatients, RestOperationTypeEnum.SEARCH_TYPE))
        .isInstanceOf(ForbiddenOperationException.class);
    assertThatCode(() -> strict.enforce(acrossPatients, RestOperationTypeEnum.SEARCH_TYPE))
        .doesNotThrowAnyException();

    SystemRequestDetails onePatient = request("Observation", "");
    onePatient.setParameters(Map.of("patient", new String[] {"p1"}, "_count", new String[] {"500"}));
    epic.enforce(onePatient, RestOperationTypeEnum.SEARCH_TYPE);
    assertThat(onePatient.getParameters().get("_count")).containsExactly("100");
  }

  @Test
  void theCapabilityStatementDeclaresTheLimits() {
    CapabilityStatement statement = new CapabilityStatement();
    CapabilityStatement.CapabilityStatementRestComponent rest = statement.addRest();
    rest.addInteraction().setCode(SystemRestfulInteraction.TRANSACTION);
    rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
    for (String type : new String[] {"CarePlan", "Provenance", "QuestionnaireResponse", "Observation"}) {
      CapabilityStatement.CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type);
      resource.addInteraction().setCode(TypeRestfulInteraction.CREATE);
      resource.addInteraction().setCode(TypeRestfulInteraction.UPDATE);
      resource.addInteraction().setCode(TypeRestfulInteraction.READ);
      resource.setConditionalCreate(true);
    }

    oracle.declare(statement);

    assertThat(rest.getInteraction()).isEmpty();
    assertThat(interactions(rest, "CarePlan")).containsExactly(TypeRestfulInteraction.READ);
    assertThat(interactions(rest, "Provenance")).contains(TypeRestfulInteraction.CREATE);
    assertThat(interactions(rest, "QuestionnaireResponse")).doesNotContain(TypeRestfulInteraction.CREATE)
        .contains(TypeRestfulInteraction.UPDATE);
    assertThat(rest.getResource()).allSatisfy(r -> assertThat(r.getConditionalCreate()).isFalse());
    assertThat(rest.getResource().stream().filter(r -> r.getType().equals("QuestionnaireResponse")).findFirst()
        .orElseThrow().getUpdateCreate()).isTrue();
  }

  private static java.util.List<TypeRestfulInteraction> interactions(
      CapabilityStatement.CapabilityStatementRestComponent rest, String type) {
    return rest.getResource().stream().filter(r -> r.getType().equals(type)).findFirst().orElseThrow()
        .getInteraction().stream().map(CapabilityStatement.ResourceInteractionComponent::getCode).toList();
  }

  private static SystemRequestDetails request(String type, String body) {
    SystemRequestDetails request = new SystemRequestDetails();
    request.setFhirContext(FHIR);
    request.setResourceName(type);
    request.setRequestContents(body.getBytes(StandardCharsets.UTF_8));
    request.setParameters(Map.of());
    return request;
  }

  private static String observation(String category) {
    Observation observation = new Observation();
    observation.addCategory(new CodeableConcept(new Coding(
        "http://terminology.hl7.org/CodeSystem/observation-category", category, category)));
    return FHIR.newJsonParser().encodeResourceToString(observation);
  }
}
