package org.kapcompanion.launch;

import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.session.UserRoles;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.kapcompanion.config.AppConfig;
import org.kapcompanion.config.TenantConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMART App Launch authorization-code flow (SMART App Launch 2.x §2.1): EHR and standalone launch, PKCE S256,
 * state bound to the launch and the browser, {@code aud}, nonce and id_token, scope negotiation, session creation.
 */
public final class LaunchService {

  static final Duration SESSION_LIFETIME = Duration.ofHours(12);
  private static final Logger LOG = LoggerFactory.getLogger(LaunchService.class);

  private final AppConfig config;
  private final SmartDiscovery discovery;
  private final LaunchStates states;
  private final TokenClient tokens;
  private final IdTokenVerifier idTokens;
  private final Sessions sessions;
  private final UserRoles roles;
  private final Clock clock;
  /** What runs once a launch has started its session, e.g. moving entries an ended session left waiting. */
  private final List<Consumer<ActiveSession>> whenStarted = new CopyOnWriteArrayList<>();

  LaunchService(AppConfig config, SmartDiscovery discovery, LaunchStates states, TokenClient tokens,
      IdTokenVerifier idTokens, Sessions sessions, UserRoles roles, Clock clock) {
    this.config = config;
    this.discovery = discovery;
    this.states = states;
    this.tokens = tokens;
    this.idTokens = idTokens;
    this.sessions = sessions;
    this.roles = roles;
    this.clock = clock;
  }

  /** The first step's outcome: where to send the browser, or why not. */
  public sealed interface Begin {
    record Redirect(URI authorizeUrl) implements Begin {}

    record Failed(LaunchError error) implements Begin {}
  }

  /** The callback's outcome: the new session's handle and its first page, or why there is none. */
  public sealed interface Complete {
    /**
     * @param firstPage the session page to open, relative to the session's pages ({@code ""}: the summary)
     * @param session the session started
     */
    record Started(String sessionHandle, String firstPage, AppSession session) implements Complete {}

    record Failed(LaunchError error) implements Complete {}
  }

  /**
   * Starts an EHR launch ({@code launch} present) or a standalone launch, for the browser holding {@code browserKey};
   * a standalone {@code review} launch signs a supervisor in to the review queue without a patient; {@code framed}:
   * the browser opened it inside a frame.
   */
  public Begin begin(Optional<String> iss, Optional<String> launch, boolean review, String browserKey,
      boolean framed) {
    if (iss.isEmpty()) {
      return new Begin.Failed(LaunchError.MISSING_ISS);
    }
    Optional<TenantConfig> tenant = parseUri(iss.get()).flatMap(config::tenantForIssuer);
    if (tenant.isEmpty()) {
      LOG.warn("launch refused: unknown iss");
      return new Begin.Failed(LaunchError.UNKNOWN_ISS);
    }
    try {
      SmartConfiguration smart = discovery.discover(tenant.get().fhirBaseUrl());
      return new Begin.Redirect(authorize(tenant.get(), smart, launch, review && launch.isEmpty(), browserKey,
          framed));
    } catch (LaunchException e) {
      LOG.warn("launch failed for tenant {}: {}", tenant.get().id(), e.getMessage());
      return new Begin.Failed(e.error());
    }
  }

  private URI authorize(TenantConfig tenant, SmartConfiguration smart, Optional<String> launch, boolean review,
      String browserKey, boolean framed) throws LaunchException {
    if (!smart.offersPkceS256()) {
      throw new LaunchException(LaunchError.EHR_UNREACHABLE, "EHR does not offer PKCE S256");
    }
    boolean confidential = tenant.clientAuth().method() != TenantConfig.AuthMethod.NONE;
    Set<String> scopes = review
        ? ScopeNegotiation.requestForReview(smart.supportsV2Scopes(), confidential)
        : tenant.scopes().map(LaunchService::split)
            .orElseGet(() -> ScopeNegotiation.request(smart.supportsV2Scopes(), launch.isEmpty(), confidential));
    State state = new State();
    CodeVerifier verifier = new CodeVerifier();
    Nonce nonce = new Nonce();
    URI redirectUri = config.redirectUri();
    AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(
        new ResponseType(ResponseType.Value.CODE), new ClientID(tenant.clientId()))
        .endpointURI(smart.authorizationEndpoint())
        .redirectionURI(redirectUri)
        .scope(new Scope(scopes.toArray(String[]::new)))
        .state(state)
        .codeChallenge(verifier, CodeChallengeMethod.S256)
        .customParameter("aud", tenant.fhirBaseUrl().toString())
        .customParameter("nonce", nonce.getValue());
    launch.ifPresent(id -> request.customParameter("launch", id));
    states.save(state.getValue(), browserKey, new PendingLaunch(tenant.id(), verifier.getValue(), nonce.getValue(),
        List.copyOf(scopes), launch.isEmpty(), launch, redirectUri, review, framed));
    return request.build().toURI();
  }

  /**
   * Completes the launch from the callback's query parameters, for the browser holding {@code browserKey};
   * {@code framed}: the callback too arrived inside a frame. The session counts as framed only when both did.
   */
  public Complete complete(Map<String, String> parameters, Optional<String> browserKey, boolean framed) {
    Optional<String> state = Optional.ofNullable(parameters.get("state")).filter(s -> !s.isBlank());
    if (state.isEmpty()) {
      return new Complete.Failed(LaunchError.STATE_INVALID);
    }
    if (browserKey.isEmpty()) {
      return new Complete.Failed(LaunchError.COOKIES_BLOCKED);
    }
    Optional<PendingLaunch> pending = states.consume(state.get(), browserKey.get());
    if (pending.isEmpty()) {
      LOG.warn("callback refused: unknown, replayed, expired or foreign state");
      return new Complete.Failed(LaunchError.STATE_INVALID);
    }
    try {
      ActiveSession started = startSession(pending.get(), parameters, browserKey.get(),
          framed && pending.get().framed());
      return new Complete.Started(started.handle(), pending.get().review() ? "review" : "", started.session());
    } catch (LaunchException e) {
      LOG.warn("launch failed for tenant {}: {}", pending.get().tenantId(), e.getMessage());
      return new Complete.Failed(e.error());
    }
  }

  private ActiveSession startSession(PendingLaunch pending, Map<String, String> parameters, String browserKey,
      boolean framed) throws LaunchException {
    if (parameters.containsKey("error") || !parameters.containsKey("code")) {
      throw new LaunchException(LaunchError.AUTHORIZATION_DENIED,
          "authorization error " + parameters.getOrDefault("error", "(no code)"));
    }
    TenantConfig tenant = config.tenant(pending.tenantId())
        .orElseThrow(() -> new LaunchException(LaunchError.UNKNOWN_ISS, "tenant no longer configured"));
    SmartConfiguration smart = discovery.discover(tenant.fhirBaseUrl());
    AuthorizationCodeGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(parameters.get("code")),
        pending.redirectUri(), new CodeVerifier(pending.codeVerifier()));
    TokenClient.Result.Success success = successOrThrow(tokens.request(tenant, smart.tokenEndpoint(), grant));
    Optional<String> fhirUser = identity(tenant, smart, pending, success.parameters());
    AppSession signedIn = newSession(tenant, pending, success.response(), success.parameters(), fhirUser)
        .placed(framed);
    AppSession session = signedIn.withSupervisor(roles.isSupervisor(signedIn));
    String handle = new State().getValue();
    sessions.create(handle, browserKey, session);
    ActiveSession started = new ActiveSession(handle, session);
    whenStarted.forEach(listener -> listener.accept(started));
    LOG.info("session started for tenant {}{}", tenant.id(),
        session.missingScopes().isEmpty() ? "" : " with " + session.missingScopes().size() + " scopes not granted");
    return started;
  }

  /** Runs {@code listener} with every session a launch starts, before its first page is shown. */
  void whenStarted(Consumer<ActiveSession> listener) {
    whenStarted.add(listener);
  }

  private static TokenClient.Result.Success successOrThrow(TokenClient.Result result) throws LaunchException {
    if (result instanceof TokenClient.Result.Success success) {
      return success;
    }
    String detail = result instanceof TokenClient.Result.Rejected rejected
        ? "token endpoint rejected: " + rejected.error()
        : ((TokenClient.Result.Unavailable) result).detail();
    throw new LaunchException(LaunchError.TOKEN_FAILED, detail);
  }

  private Optional<String> identity(TenantConfig tenant, SmartConfiguration smart, PendingLaunch pending,
      Map<String, Object> parameters) throws LaunchException {
    if (!pending.requestedScopes().contains("openid")) {
      return Optional.empty();
    }
    if (!(parameters.get("id_token") instanceof String idToken)) {
      throw new LaunchException(LaunchError.IDENTITY_INVALID, "openid requested but no id_token returned");
    }
    return idTokens.verify(tenant, smart, idToken, pending.nonce());
  }

  private AppSession newSession(TenantConfig tenant, PendingLaunch pending, AccessTokenResponse response,
      Map<String, Object> parameters, Optional<String> fhirUser) {
    Tokens issued = response.getTokens();
    Instant now = clock.instant();
    long lifetime = issued.getAccessToken().getLifetime() > 0 ? issued.getAccessToken().getLifetime() : 3600;
    Scope grantedScope = issued.getAccessToken().getScope();
    Set<String> requested = new LinkedHashSet<>(pending.requestedScopes());
    Set<String> granted = grantedScope == null ? requested : new LinkedHashSet<>(grantedScope.toStringList());
    return new AppSession(
        tenant.id(),
        tenant.fhirBaseUrl(),
        new AppSession.Tokens(issued.getAccessToken().getValue(),
            Optional.ofNullable(issued.getRefreshToken()).map(token -> token.getValue()),
            now.plusSeconds(lifetime)),
        LaunchContextParser.parse(parameters),
        new ArrayList<>(granted),
        ScopeNegotiation.missing(requested, granted),
        fhirUser,
        false,
        new State().getValue(),
        now.plus(SESSION_LIFETIME),
        false);
  }

  private static Set<String> split(String scopes) {
    return new LinkedHashSet<>(List.of(scopes.trim().split("\\s+")));
  }

  private static Optional<URI> parseUri(String text) {
    try {
      return Optional.of(new URI(text));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
