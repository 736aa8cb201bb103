package org.kapcompanion.launch;

import org.kapcompanion.session.ClinicalScope;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeNegotiationTest {

  @Test
  void requestsV2ScopesWhenTheServerOffersThem() {
    Set<String> scopes = ScopeNegotiation.request(true, false, false);
    assertThat(scopes).contains("launch", "openid", "fhirUser", "patient/Observation.rs", "patient/Patient.rs",
        "patient/MedicationRequest.rs", "patient/Medication.rs", "patient/Observation.cu")
        .noneMatch(s -> s.endsWith(".read") || s.endsWith(".write"))
        .noneMatch(s -> s.contains("/*"));
  }

  @Test
  void requestsV1ScopesOtherwise() {
    assertThat(ScopeNegotiation.request(false, false, true)).contains("patient/AllergyIntolerance.read",
        "patient/Observation.write").noneMatch(s -> s.endsWith(".rs")).noneMatch(s -> s.contains("/*"));
  }

  @Test
  void aLaunchAsksToWriteTheReviewTaskAtUserLevelSinceR4KeepsTaskOutsideThePatientCompartment() {
    assertThat(ScopeNegotiation.request(true, false, false)).contains("user/Task.cu").doesNotContain("patient/Task.cu");
    assertThat(ScopeNegotiation.request(false, false, true)).contains("user/Task.write")
        .doesNotContain("patient/Task.write");
  }

  @Test
  void standaloneLaunchAsksForAPatientPicker() {
    assertThat(ScopeNegotiation.request(true, true, false)).contains("launch/patient").doesNotContain("launch");
  }

  @Test
  void reviewSignInAsksForUserLevelReadsAndTheCoSignWritesWithoutAPatient() {
    assertThat(ScopeNegotiation.requestForReview(true, false)).contains("openid", "fhirUser", "online_access",
        "user/Encounter.rs", "user/Observation.rs", "user/Provenance.rs", "user/Provenance.c", "user/Task.cu")
        .noneMatch(s -> s.startsWith("launch") || s.startsWith("patient/"));
    assertThat(ScopeNegotiation.requestForReview(false, true)).contains("offline_access", "user/Encounter.read",
        "user/Provenance.write", "user/Task.write");
  }

  @Test
  void onlyConfidentialClientsAskForOfflineAccess() {
    assertThat(ScopeNegotiation.request(true, false, true)).contains("offline_access").doesNotContain("online_access");
    assertThat(ScopeNegotiation.request(true, false, false)).contains("online_access").doesNotContain("offline_access");
  }

  @Test
  void grantedV1ScopesCoverRequestedV2Scopes() {
    assertThat(ScopeNegotiation.missing(Set.of("patient/Observation.rs", "patient/Condition.rs"),
        Set.of("patient/*.read"))).isEmpty();
  }

  @Test
  void narrowerGrantIsReportedAsMissing() {
    assertThat(ScopeNegotiation.missing(Set.of("patient/*.rs", "patient/Observation.cu"),
        Set.of("patient/*.rs", "patient/Observation.c"))).containsExactly("patient/Observation.cu");
  }

  @Test
  void patientScopeDoesNotCoverUserScope() {
    assertThat(ScopeNegotiation.missing(Set.of("user/Practitioner.rs"), Set.of("patient/*.rs")))
        .containsExactly("user/Practitioner.rs");
  }

  @Test
  void missingIdentityScopeIsReportedButLaunchScopesAreNot() {
    assertThat(ScopeNegotiation.missing(Set.of("launch", "openid", "fhirUser", "offline_access"), Set.of("openid")))
        .containsExactly("fhirUser");
  }

  @Test
  void scopeQueryRestrictionIsParsed() {
    assertThat(ClinicalScope.parse("patient/Observation.rs?category=vital-signs"))
        .hasValueSatisfying(scope -> assertThat(scope.permissions()).containsExactlyInAnyOrder('r', 's'));
    assertThat(ClinicalScope.parse("patient/Observation.xyz")).isEmpty();
    assertThat(ClinicalScope.parse("launch/patient")).isEmpty();
  }
}
