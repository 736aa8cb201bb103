package org.kapcompanion.sandbox;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;

/**
 * A persona's FHIR API limits, as the EHR it models enforces them and declares them in its CapabilityStatement: writes
 * of read-only types refused (405), creates of update-only types refused, conditional creates refused (400),
 * transactions and batches refused, Observation creates outside the taken categories refused (422), searches of
 * patient data without the patient refused (403), and {@code _count} lowered to the page-size cap.
 */
@Interceptor
final class PersonaEnforcement {

  private final PersonaRules rules;

  PersonaEnforcement(PersonaRules rules) {
    this.rules = rules;
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void enforce(RequestDetails request, RestOperationTypeEnum operation) {
    String type = request.getResourceName();
    switch (operation) {
      case TRANSACTION, BATCH -> {
        if (!rules.transactions()) {
          throw new MethodNotAllowedException("This EHR takes no transaction or batch Bundles");
        }
      }
      case CREATE -> refuseCreate(request, type);
      case UPDATE, PATCH, DELETE -> {
        if (rules.noWrites().contains(type)) {
          throw new MethodNotAllowedException("This EHR takes no " + type + " writes");
        }
      }
      case SEARCH_TYPE -> refuseCrossPatientSearch(request, type);
      default -> { }
    }
    capPageSize(request);
  }

  private void refuseCreate(RequestDetails request, String type) {
    if (rules.noWrites().contains(type)) {
      throw new MethodNotAllowedException("This EHR takes no " + type + " creates");
    }
    if (rules.updateOnly().contains(type)) {
      throw new MethodNotAllowedException("This EHR writes " + type + " by update (PUT " + type + "/id) only");
    }
    if (!rules.conditionalCreate() && request.getHeader("If-None-Exist") != null) {
      throw new InvalidRequestException("This EHR does not support conditional create (If-None-Exist)");
    }
    if ("Observation".equals(type) && !rules.observationCategories().isEmpty()) {
      Observation observation = request.getFhirContext().newJsonParser()
          .parseResource(Observation.class, new String(request.loadRequestContents(),
              java.nio.charset.StandardCharsets.UTF_8));
      boolean taken = observation.getCategory().stream().flatMap(c -> c.getCoding().stream())
          .map(Coding::getCode).anyMatch(rules.observationCategories()::contains);
      if (!taken) {
        throw new UnprocessableEntityException("This EHR takes Observation creates of the categories "
            + rules.observationCategories() + " only");
      }
    }
  }

  private void refuseCrossPatientSearch(RequestDetails request, String type) {
    if (rules.crossPatientSearch() || !PersonaRules.PATIENT_DATA.contains(type)) {
      return;
    }
    boolean narrowed = request.getParameters().keySet().stream()
        .map(name -> name.replaceFirst("[:.].*$", "")).anyMatch(PersonaRules.NARROWING::contains);
    if (!narrowed) {
      throw new ForbiddenOperationException("This EHR searches " + type + " for one patient at a time: add patient");
    }
  }

  private void capPageSize(RequestDetails request) {
    String[] count = request.getParameters().get("_count");
    if (rules.pageSizeCap().isEmpty() || count == null || count.length == 0) {
      return;
    }
    int cap = rules.pageSizeCap().getAsInt();
    try {
      if (Integer.parseInt(count[0].trim()) > cap) {
        Map<String, String[]> parameters = new HashMap<>(request.getParameters());
        parameters.put("_count", new String[] {Integer.toString(cap)});
        request.setParameters(parameters);
      }
    } catch (NumberFormatException notANumber) {
      throw new InvalidRequestException("_count must be a number");
    }
  }

  /** Declares the limits: no create/update where none is taken, no conditional create, no transaction or batch. */
  @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
  public void declare(IBaseConformance statement) {
    CapabilityStatement capabilities = (CapabilityStatement) statement;
    for (CapabilityStatement.CapabilityStatementRestComponent rest : capabilities.getRest()) {
      if (!rules.transactions()) {
        rest.getInteraction().removeIf(i -> i.getCode() == SystemRestfulInteraction.TRANSACTION
            || i.getCode() == SystemRestfulInteraction.BATCH);
      }
      rest.getResource().forEach(this::declare);
    }
  }

  private void declare(CapabilityStatementRestResourceComponent resource) {
    String type = resource.getType();
    if (rules.noWrites().contains(type)) {
      resource.getInteraction().removeIf(i -> i.getCode() == TypeRestfulInteraction.CREATE
          || i.getCode() == TypeRestfulInteraction.UPDATE || i.getCode() == TypeRestfulInteraction.PATCH
          || i.getCode() == TypeRestfulInteraction.DELETE);
    }
    if (rules.updateOnly().contains(type)) {
      resource.getInteraction().removeIf(i -> i.getCode() == TypeRestfulInteraction.CREATE);
      resource.setUpdateCreate(true);
    }
    if (!rules.conditionalCreate()) {
      resource.setConditionalCreate(false);
    }
    if ("Observation".equals(type) && !rules.observationCategories().isEmpty()) {
      resource.setDocumentation("create: categories " + String.join(", ", rules.observationCategories())
          + " only");
    }
  }
}
