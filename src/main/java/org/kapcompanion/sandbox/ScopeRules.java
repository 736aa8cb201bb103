package org.kapcompanion.sandbox;

import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleFinished;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderAppliesTo;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.ArrayList;
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

  /**
   * HAPI rules for the accesses, then metadata, transactions with normal rules, and deny everything else. Each rule
   * gets its own builder: HAPI's RuleBuilder shares state between {@code create()} and {@code write()} rules made
   * from one builder, so a write rule would silently become a create rule.
   */
  static List<IAuthRule> rules(Set<Access> accesses) {
    List<IAuthRule> rules = new ArrayList<>();
    rules.addAll(new RuleBuilder().allow().metadata().build());
    rules.addAll(new RuleBuilder().allow().transaction().withAnyOperation().andApplyNormalRules().build());
    for (Access access : accesses) {
      rules.addAll(rulesFor(access));
    }
    rules.addAll(new RuleBuilder().denyAll("The access token's scopes do not allow this request").build());
    return rules;
  }

  private static List<IAuthRule> rulesFor(Access access) {
    switch (access.action()) {
      case READ:
        return limit(types(new RuleBuilder().allow().read(), access), access).build();
      case CREATE:
        return concat(
            limit(types(new RuleBuilder().allow().create(), access), access).build(),
            types(new RuleBuilder().allow().createConditional(), access).build());
      case WRITE:
        return concat(
            limit(types(new RuleBuilder().allow().write(), access), access).build(),
            types(new RuleBuilder().allow().updateConditional(), access).build());
      case DELETE:
        return concat(
            limit(types(new RuleBuilder().allow().delete(), access), access).build(),
            types(new RuleBuilder().allow().deleteConditional(), access).build());
      default:
        throw new IllegalArgumentException("Unknown action " + access.action());
    }
  }

  private static List<IAuthRule> concat(List<IAuthRule> first, List<IAuthRule> second) {
    List<IAuthRule> rules = new ArrayList<>(first);
    rules.addAll(second);
    return rules;
  }

  private static <T> T types(IAuthRuleBuilderAppliesTo<T> rule, Access access) {
    return access.resourceType().equals(SmartScope.ALL_TYPES)
        ? rule.allResources()
        : rule.resourcesOfType(access.resourceType());
  }

  private static IAuthRuleFinished limit(
      IAuthRuleBuilderRuleOpClassifier rule, Access access) {
    return access.patientId() == null
        ? rule.withAnyId()
        : rule.inCompartment("Patient", new IdType("Patient", access.patientId()));
  }
}
