package org.kapcompanion.sandbox;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.Optional;
import org.kapcompanion.sandbox.SignedTokens.AccessClaims;

/**
 * Enforces SMART scopes on the sandbox's FHIR server: every request but {@code metadata} needs a valid bearer access
 * token from this sandbox (401 otherwise), and may do only what its scopes allow (403 otherwise).
 */
final class SmartAuthorizationInterceptor extends AuthorizationInterceptor {

  private final SignedTokens tokens;

  SmartAuthorizationInterceptor(SignedTokens tokens) {
    super(PolicyEnum.DENY);
    this.tokens = tokens;
  }

  @Override
  public List<IAuthRule> buildRuleList(RequestDetails request) {
    if (request.getRestOperationType() == RestOperationTypeEnum.METADATA) {
      return new RuleBuilder().allow().metadata().build();
    }
    AccessClaims claims = bearerToken(request).flatMap(tokens::verifyAccessToken).orElseThrow(this::unauthorized);
    List<SmartScope> scopes = claims.scopes().stream().flatMap(s -> SmartScope.parse(s).stream()).toList();
    if (!ScopeRules.permitsInteraction(scopes, request.getResourceName(), request.getRestOperationType())) {
      return new RuleBuilder().denyAll("The access token's scopes do not allow this interaction").build();
    }
    return ScopeRules.rules(ScopeRules.accesses(scopes, Optional.ofNullable(claims.patient())));
  }

  private static Optional<String> bearerToken(RequestDetails request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(7).strip());
  }

  private AuthenticationException unauthorized() {
    AuthenticationException e = new AuthenticationException("A valid bearer access token is required");
    e.addResponseHeader("WWW-Authenticate", "Bearer realm=\"sandbox\", error=\"invalid_token\"");
    return e;
  }
}
