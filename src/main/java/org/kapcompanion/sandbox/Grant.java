package org.kapcompanion.sandbox;

import java.time.Instant;
import java.util.List;

/**
 * What a user approved for a client: the granted scopes and the context the tokens carry.
 *
 * @param clientId the client the tokens are for
 * @param scopes the granted scopes
 * @param practitionerId the user (a Practitioner id)
 * @param patientId the patient in context, or {@code null}
 * @param launch the EHR launch context, or {@code null} for a standalone launch
 * @param nonce the OpenID Connect nonce, or {@code null}
 * @param authTime when the user authenticated
 */
record Grant(
    String clientId,
    List<String> scopes,
    String practitionerId,
    String patientId,
    IssuedLaunchContext launch,
    String nonce,
    Instant authTime) {

  String encounterId() {
    return launch == null ? null : launch.encounterId();
  }

  boolean has(String scope) {
    return scopes.contains(scope);
  }

  Grant withScopes(List<String> narrowed) {
    return new Grant(clientId, narrowed, practitionerId, patientId, launch, nonce, authTime);
  }
}
