package org.kapcompanion.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopePolicyTest {

  private final ScopePolicy policy = new ScopePolicy(Set.of("Observation", "Patient", "Encounter"));

  @Test
  void ehrLaunchWithPatientKeepsContextAndClinicalScopes() {
    List<String> requested = List.of("launch", "openid", "fhirUser", "patient/*.rs", "user/Observation.cruds");

    assertThat(policy.grant(requested, new ScopePolicy.Context(true, true, false, false))).isEqualTo(requested);
  }

  @Test
  void dropsSystemScopesUnknownTypesAndUnknownScopes() {
    List<String> requested = List.of("system/*.read", "patient/Widget.read", "frobnicate", "patient/Observation.rs");

    assertThat(policy.grant(requested, new ScopePolicy.Context(true, true, false, false)))
        .containsExactly("patient/Observation.rs");
  }

  @Test
  void dropsContextScopesWhoseContextIsMissing() {
    List<String> requested = List.of("launch", "launch/patient", "launch/encounter", "patient/*.rs", "user/*.rs");

    assertThat(policy.grant(requested, new ScopePolicy.Context(false, false, false, false)))
        .containsExactly("user/*.rs");
  }

  @Test
  void offlineAccessOnlyForConfidentialClients() {
    List<String> requested = List.of("offline_access", "online_access");

    assertThat(policy.grant(requested, new ScopePolicy.Context(true, true, false, true)))
        .containsExactly("online_access");
    assertThat(policy.grant(requested, new ScopePolicy.Context(true, true, false, false)))
        .containsExactly("offline_access", "online_access");
  }

  @Test
  void splitsOnWhitespace() {
    assertThat(ScopePolicy.split("  launch   openid\tfhirUser ")).containsExactly("launch", "openid", "fhirUser");
    assertThat(ScopePolicy.split(null)).isEmpty();
    assertThat(ScopePolicy.split(" ")).isEmpty();
  }
}
