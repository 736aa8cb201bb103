package org.kapcompanion.session;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A launched instance of the app: the EHR, the tokens (server-side only), the launch context and the user.
 *
 * @param tenantId the EHR it was launched from
 * @param fhirBase the EHR's FHIR base URL
 * @param tokens the current tokens
 * @param context the launch context
 * @param grantedScopes the scopes the EHR granted
 * @param missingScopes requested clinical scopes the EHR did not grant
 * @param fhirUser the signed-in user as a FHIR reference relative to the FHIR base, e.g. {@code Practitioner/123}
 * @param supervisor whether the user is a clinical supervisor (may review and co-sign sessions), as found at sign-in
 * @param csrfToken the token every state-changing request of this session must carry
 * @param expiresAt when the session ends regardless of tokens
 * @param framed whether the app is shown inside the EHR's own frame: as the launch found, or for one page request as
 *     that request found ({@link #placed}); false when the browser did not say, so identity is shown
 */
public record AppSession(
    String tenantId,
    URI fhirBase,
    Tokens tokens,
    LaunchContext context,
    List<String> grantedScopes,
    List<String> missingScopes,
    Optional<String> fhirUser,
    boolean supervisor,
    String csrfToken,
    Instant expiresAt,
    boolean framed) {

  public AppSession {
    grantedScopes = List.copyOf(grantedScopes);
    missingScopes = List.copyOf(missingScopes);
  }

  public AppSession withTokens(Tokens newTokens) {
    return new AppSession(tenantId, fhirBase, newTokens, context, grantedScopes, missingScopes, fhirUser, supervisor,
        csrfToken, expiresAt, framed);
  }

  public AppSession withSupervisor(boolean isSupervisor) {
    return new AppSession(tenantId, fhirBase, tokens, context, grantedScopes, missingScopes, fhirUser, isSupervisor,
        csrfToken, expiresAt, framed);
  }

  /** This session as one page shows it: inside the EHR's frame or not. Not stored. */
  public AppSession placed(boolean inFrame) {
    return inFrame == framed ? this : new AppSession(tenantId, fhirBase, tokens, context, grantedScopes,
        missingScopes, fhirUser, supervisor, csrfToken, expiresAt, inFrame);
  }

  /**
   * Whether the page shows the app's own patient banner: always outside the EHR's frame (the chart is not beside
   * it), and inside it when the EHR asks ({@code need_patient_banner}).
   */
  public boolean showsPatientBanner() {
    return !framed || context.needPatientBanner();
  }

  /**
   * Whether a granted scope lets the app do {@code permission} (a SMART v2 letter: c, r, u, d or s) on
   * {@code resourceType} at {@code level} ({@code patient} or {@code user}); v1 scopes count by their meaning.
   */
  public boolean grants(String level, String resourceType, char permission) {
    ClinicalScope wanted = new ClinicalScope(level, resourceType, Set.of(permission));
    return grantedScopes.stream().map(ClinicalScope::parse).flatMap(Optional::stream)
        .anyMatch(scope -> scope.covers(wanted));
  }

  /**
   * The OAuth tokens of a session.
   *
   * @param accessToken the bearer token for FHIR calls
   * @param refreshToken the refresh token, when granted
   * @param accessTokenExpiresAt when the access token stops working
   */
  public record Tokens(String accessToken, Optional<String> refreshToken, Instant accessTokenExpiresAt) {

    @Override
    public String toString() {
      return "Tokens[expires=" + accessTokenExpiresAt + "]";
    }
  }
}
