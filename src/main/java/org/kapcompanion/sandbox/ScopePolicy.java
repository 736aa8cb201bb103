package org.kapcompanion.sandbox;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kapcompanion.sandbox.SmartScope.Level;

/**
 * Decides which of the requested scopes the sandbox grants, so that an app can see the granted scope differ from the
 * requested one (SMART App Launch 2.x §Scopes: the server may grant fewer scopes than requested).
 */
final class ScopePolicy {

  private static final Set<String> IDENTITY_SCOPES = Set.of("openid", "fhirUser", "profile", "online_access");

  private final Set<String> resourceTypes;
  private final boolean patientLevelWrites;

  /** @param resourceTypes the FHIR resource types the server knows */
  ScopePolicy(Set<String> resourceTypes) {
    this(resourceTypes, false);
  }

  /**
   * @param resourceTypes the FHIR resource types the server knows
   * @param patientLevelWrites whether writes are granted at patient level only (user-level write scopes are dropped),
   *     as the vendor personas do
   */
  ScopePolicy(Set<String> resourceTypes, boolean patientLevelWrites) {
    this.resourceTypes = resourceTypes;
    this.patientLevelWrites = patientLevelWrites;
  }

  /**
   * What a grant holds.
   *
   * @param ehrLaunch whether the request came with an EHR {@code launch}
   * @param patient whether a patient is in context
   * @param encounter whether an encounter is in context
   * @param publicClient whether the client has no credentials
   */
  record Context(boolean ehrLaunch, boolean patient, boolean encounter, boolean publicClient) {}

  /**
   * The granted scopes, in request order: identity scopes; launch-context scopes only when that context exists;
   * {@code offline_access} only for confidential clients; patient- and user-level clinical scopes on known types
   * (patient-level ones only with a patient). System scopes and anything unknown are dropped.
   */
  List<String> grant(List<String> requested, Context context) {
    Set<String> granted = new LinkedHashSet<>();
    for (String scope : requested) {
      if (isGranted(scope, context)) {
        granted.add(scope);
      }
    }
    return List.copyOf(granted);
  }

  private boolean isGranted(String scope, Context context) {
    if (IDENTITY_SCOPES.contains(scope)) {
      return true;
    }
    switch (scope) {
      case "launch":
        return context.ehrLaunch();
      case "launch/patient":
        return context.patient();
      case "launch/encounter":
        return context.encounter();
      case "offline_access":
        return !context.publicClient();
      default:
        return SmartScope.parse(scope).map(s -> isGrantedClinical(s, context)).orElse(false);
    }
  }

  private boolean isGrantedClinical(SmartScope scope, Context context) {
    boolean knownType =
        scope.resourceType().equals(SmartScope.ALL_TYPES) || resourceTypes.contains(scope.resourceType());
    return knownType
        && scope.level() != Level.SYSTEM
        && (scope.level() != Level.PATIENT || context.patient())
        && !(patientLevelWrites && scope.level() == Level.USER && writes(scope));
  }

  private static boolean writes(SmartScope scope) {
    return scope.permissions().stream().anyMatch(p -> p == SmartScope.Permission.CREATE
        || p == SmartScope.Permission.UPDATE || p == SmartScope.Permission.DELETE);
  }

  /** Splits a space-separated scope parameter. */
  static List<String> split(String scope) {
    return Optional.ofNullable(scope).map(String::strip).filter(s -> !s.isEmpty())
        .map(s -> List.of(s.split("\\s+"))).orElse(List.of());
  }
}
