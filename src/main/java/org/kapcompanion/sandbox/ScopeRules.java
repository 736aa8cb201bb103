package org.kapcompanion.sandbox;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderAppliesTo;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.kapcompanion.sandbox.SmartScope.Level;
import org.kapcompanion.sandbox.SmartScope.Permission;

/**
 * Translates the SMART scopes of an access token into HAPI authorization rules: patient-level scopes reach the
 * token's patient compartment (plus reads of shared, non-compartment resources), user-level scopes reach everything
 * of their types. Transactions and batches are allowed with these rules applied to each entry.
 */
final class ScopeRules {

  /** Resource types outside the Patient compartment that a patient-level read scope may read. */
  static final Set<String> SHARED_TYPES =
      Set.of(
          "Practitioner",
          "PractitionerRole",
          "Organization",
          "Location",
          "HealthcareService",
          "Medication",
          "Substance",
          "Questionnaire",
          "PlanDefinition",
          "ActivityDefinition",
          "ValueSet",
          "CodeSystem",
          "StructureDefinition");

  /** An interaction HAPI can authorise separately. */
  enum Action {
    READ,
    CREATE,
    WRITE,
    DELETE
  }

  /**
   * One thing a token may do.
   *
   * @param action the interaction
   * @param resourceType a resource type, or {@code *}
   * @param patientId the patient whose compartment limits it, or {@code null} for any resource of the type
   */
  record Access(Action action, String resourceType, String patientId) {}

  private ScopeRules() {}

  /** What the scopes allow; patient-level scopes give nothing without a patient in context. */
  static Set<Access> accesses(List<SmartScope> scopes, Optional<String> patientId) {
    Set<Access> result = new LinkedHashSet<>();
    for (SmartScope scope : scopes) {
      if (scope.level() != Level.PATIENT) {
        actions(scope.permissions()).forEach(a -> result.add(new Access(a, scope.resourceType(), null)));
      } else {
        patientId.ifPresent(id -> addPatientAccess(scope, id, result));
      }
    }
    return result;
  }

  private static void addPatientAccess(SmartScope scope, String patientId, Set<Access> result) {
    for (Action action : actions(scope.permissions())) {
      boolean shared = SHARED_TYPES.contains(scope.resourceType());
      if (action == Action.READ && shared) {
        result.add(new Access(Action.READ, scope.resourceType(), null));
      } else {
        result.add(new Access(action, scope.resourceType(), patientId));
      }
      if (action == Action.READ && scope.resourceType().equals(SmartScope.ALL_TYPES)) {
        SHARED_TYPES.forEach(type -> result.add(new Access(Action.READ, type, null)));
      }
    }
  }

  private static Set<Action> actions(Set<Permission> permissions) {
    Set<Action> actions = EnumSet.noneOf(Action.class);
    if (permissions.contains(Permission.READ) || permissions.contains(Permission.SEARCH)) {
      actions.add(Action.READ);
    }
    if (permissions.contains(Permission.CREATE)) {
      actions.add(Action.CREATE);
    }
    if (permissions.contains(Permission.UPDATE)) {
      actions.add(Action.WRITE);
    }
    if (permissions.contains(Permission.DELETE)) {
      actions.add(Action.DELETE);
    }
    return actions;
  }

  /**
   * Whether a read-type interaction on a type is covered by a matching v2 letter: reading by id needs {@code r},
   * searching needs {@code s}. Other interactions are left to the rules.
   */
  static boolean permitsInteraction(List<SmartScope> scopes, String resourceType, RestOperationTypeEnum operation) {
    Permission needed;
    switch (operation) {
      case READ:
      case VREAD:
      case HISTORY_INSTANCE:
        needed = Permission.READ;
        break;
      case SEARCH_TYPE:
      case HISTORY_TYPE:
        needed = Permission.SEARCH;
        break;
      default:
        return true;
    }
    return resourceType == null
        || scopes.stream().anyMatch(s -> s.covers(resourceType) && s.permissions().contains(needed));
  }

  /** HAPI rules for the accesses, then metadata, transactions with normal rules, and deny everything else. */
  static List<IAuthRule> rules(Set<Access> accesses) {
    IAuthRuleBuilder builder = new RuleBuilder();
    builder.allow().metadata().andThen();
    builder.allow().transaction().withAnyOperation().andApplyNormalRules().andThen();
    for (Access access : accesses) {
      addRule(builder, access);
    }
    return builder.denyAll("The access token's scopes do not allow this request").build();
  }

  private static void addRule(IAuthRuleBuilder builder, Access access) {
    switch (access.action()) {
      case READ:
        limit(types(builder.allow().read(), access), access).andThen();
        break;
      case CREATE:
        limit(types(builder.allow().create(), access), access).andThen();
        types(builder.allow().createConditional(), access).andThen();
        break;
      case WRITE:
        limit(types(builder.allow().write(), access), access).andThen();
        types(builder.allow().updateConditional(), access).andThen();
        break;
      case DELETE:
        limit(types(builder.allow().delete(), access), access).andThen();
        types(builder.allow().deleteConditional(), access).andThen();
        break;
    }
  }

  private static <T> T types(IAuthRuleBuilderAppliesTo<T> rule, Access access) {
    return access.resourceType().equals(SmartScope.ALL_TYPES)
        ? rule.allResources()
        : rule.resourcesOfType(access.resourceType());
  }

  private static ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleFinished limit(
      IAuthRuleBuilderRuleOpClassifier rule, Access access) {
    return access.patientId() == null
        ? rule.withAnyId()
        : rule.inCompartment("Patient", new IdType("Patient", access.patientId()));
  }
}
