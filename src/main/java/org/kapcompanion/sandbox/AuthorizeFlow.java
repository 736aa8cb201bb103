package org.kapcompanion.sandbox;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.State;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.kapcompanion.config.EmbeddedEhr.RegisteredClient;

/**
 * The authorization endpoint's decisions (SMART App Launch 2.x §Obtain authorization code; RFC 6749 §4.1; RFC 7636):
 * validates the request, approves an EHR launch at once (the EHR user is already signed in), and walks a
 * standalone launch through practitioner sign-in and, for {@code launch/patient}, a patient picker.
 */
final class AuthorizeFlow {

  /** The password every sandbox practitioner signs in with; the sign-in page shows it. */
  static final String SANDBOX_PASSWORD = "sandbox";

  private final Map<String, RegisteredClient> clients;
  private final SandboxUrls urls;
  private final ExpiringStore<IssuedLaunchContext> launches;
  private final ExpiringStore<PendingLogin> pendingLogins;
  private final ExpiringStore<IssuedCode> codes;
  private final ScopePolicy scopePolicy;
  private final Directory directory;
  private final Clock clock;

  AuthorizeFlow(
      Map<String, RegisteredClient> clients,
      SandboxUrls urls,
      ExpiringStore<IssuedLaunchContext> launches,
      ExpiringStore<PendingLogin> pendingLogins,
      ExpiringStore<IssuedCode> codes,
      ScopePolicy scopePolicy,
      Directory directory,
      Clock clock) {
    this.clients = clients;
    this.urls = urls;
    this.launches = launches;
    this.pendingLogins = pendingLogins;
    this.codes = codes;
    this.scopePolicy = scopePolicy;
    this.directory = directory;
    this.clock = clock;
  }

  /**
   * A validated authorization request.
   *
   * @param scope the requested scope, space-separated
   * @param codeChallenge the PKCE S256 challenge
   * @param nonce the OpenID Connect nonce, or {@code null}
   */
  record Request(
      RegisteredClient client, URI redirectUri, String state, String scope, String codeChallenge, String nonce) {}

  /** A standalone authorization waiting for the user; {@code practitionerId} is set once they signed in. */
  record PendingLogin(Request request, String practitionerId, Instant authTime) {

    boolean needsPatient() {
      return ScopePolicy.split(request.scope()).contains("launch/patient");
    }
  }

  /** An authorization code's grant, bound to the redirect URI and PKCE challenge of its request. */
  record IssuedCode(Grant grant, URI redirectUri, String codeChallenge) {}

  /** What the endpoint does next. */
  sealed interface Outcome permits ShowError, Redirect, ShowLogin, ShowPatientPicker {}

  /** The request cannot be answered at its redirect URI (unknown client or redirect URI). */
  record ShowError(String message) implements Outcome {}

  /** Back to the app: with a code, or with an error. */
  record Redirect(URI location) implements Outcome {}

  record ShowLogin(String requestId, String error) implements Outcome {}

  record ShowPatientPicker(String requestId) implements Outcome {}

  Outcome authorize(Map<String, String> params) {
    RegisteredClient client = clients.get(params.get("client_id"));
    if (client == null) {
      return new ShowError("This app is not registered with the sandbox (unknown client_id).");
    }
    URI redirectUri = registeredRedirect(client, params.get("redirect_uri"));
    if (redirectUri == null) {
      return new ShowError("The redirect_uri is not one registered for this app.");
    }
    String state = params.get("state");
    Optional<ErrorObject> error = validate(params);
    if (error.isPresent()) {
      return new Redirect(errorRedirect(redirectUri, state, error.get()));
    }
    Request request =
        new Request(
            client, redirectUri, state, params.get("scope"), params.get("code_challenge"), params.get("nonce"));
    String launch = params.get("launch");
    if (launch == null) {
      return new ShowLogin(pendingLogins.put(new PendingLogin(request, null, null)), null);
    }
    return launches
        .get(launch)
        .filter(context -> context.clientId().equals(client.clientId()))
        .<Outcome>map(context -> approve(request, context.practitionerId(), context.patientId(), context, clock.instant()))
        .orElseGet(() -> new Redirect(errorRedirect(redirectUri, state, invalidRequest("unknown or expired launch"))));
  }

  Optional<PendingLogin> pending(String requestId) {
    return pendingLogins.get(requestId);
  }

  /** The practitioner signs in on a standalone launch. */
  Outcome login(String requestId, String practitionerId, String password) {
    Optional<PendingLogin> pending = pendingLogins.get(requestId);
    if (pending.isEmpty()) {
      return new ShowError("This sign-in has expired. Start the launch again from the app.");
    }
    if (!SANDBOX_PASSWORD.equals(password) || directory.practitionerName(practitionerId).isEmpty()) {
      return new ShowLogin(requestId, "Choose a practitioner and enter the sandbox password.");
    }
    PendingLogin signedIn = new PendingLogin(pending.get().request(), practitionerId, clock.instant());
    if (signedIn.needsPatient()) {
      pendingLogins.replace(requestId, signedIn);
      return new ShowPatientPicker(requestId);
    }
    pendingLogins.take(requestId);
    return approve(signedIn.request(), practitionerId, null, null, signedIn.authTime());
  }

  /** The signed-in practitioner picks the patient for a standalone launch. */
  Outcome pickPatient(String requestId, String patientId) {
    Optional<PendingLogin> pending = pendingLogins.get(requestId).filter(p -> p.practitionerId() != null);
    if (pending.isEmpty()) {
      return new ShowError("This sign-in has expired. Start the launch again from the app.");
    }
    if (directory.patientName(patientId).isEmpty()) {
      return new ShowPatientPicker(requestId);
    }
    pendingLogins.take(requestId);
    PendingLogin p = pending.get();
    return approve(p.request(), p.practitionerId(), patientId, null, p.authTime());
  }

  private Redirect approve(
      Request request, String practitionerId, String patientId, IssuedLaunchContext launch, Instant authTime) {
    boolean publicClient = "none".equals(request.client().authMethod());
    ScopePolicy.Context context =
        new ScopePolicy.Context(
            launch != null, patientId != null, launch != null && launch.encounterId() != null, publicClient);
    Grant grant =
        new Grant(
            request.client().clientId(),
            scopePolicy.grant(ScopePolicy.split(request.scope()), context),
            practitionerId,
            patientId,
            launch,
            request.nonce(),
            authTime);
    String code = codes.put(new IssuedCode(grant, request.redirectUri(), request.codeChallenge()));
    URI location =
        new AuthorizationSuccessResponse(
                request.redirectUri(), new AuthorizationCode(code), null, state(request.state()), ResponseMode.QUERY)
            .toURI();
    return new Redirect(location);
  }

  private Optional<ErrorObject> validate(Map<String, String> params) {
    if (!"code".equals(params.get("response_type"))) {
      return Optional.of(OAuth2Error.UNSUPPORTED_RESPONSE_TYPE.setDescription("response_type must be code"));
    }
    if (!urls.fhirBase().toString().equals(params.get("aud"))) {
      return Optional.of(invalidRequest("aud must be the FHIR base URL " + urls.fhirBase()));
    }
    if (params.get("state") == null || params.get("state").isEmpty()) {
      return Optional.of(invalidRequest("state is required"));
    }
    if (params.get("code_challenge") == null || !"S256".equals(params.get("code_challenge_method"))) {
      return Optional.of(invalidRequest("PKCE with code_challenge_method S256 is required"));
    }
    if (ScopePolicy.split(params.get("scope")).isEmpty()) {
      return Optional.of(OAuth2Error.INVALID_SCOPE.setDescription("scope is required"));
    }
    return Optional.empty();
  }

  private static URI registeredRedirect(RegisteredClient client, String redirectUri) {
    if (redirectUri == null) {
      return null;
    }
    return client.redirectUris().stream().filter(u -> u.toString().equals(redirectUri)).findFirst().orElse(null);
  }

  private static ErrorObject invalidRequest(String description) {
    return OAuth2Error.INVALID_REQUEST.setDescription(description);
  }

  private static URI errorRedirect(URI redirectUri, String state, ErrorObject error) {
    return new AuthorizationErrorResponse(redirectUri, error, state(state), ResponseMode.QUERY).toURI();
  }

  private static State state(String state) {
    return state == null || state.isEmpty() ? null : new State(state);
  }
}
