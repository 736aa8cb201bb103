package org.kapcompanion.launch;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import java.net.URI;
import java.nio.file.Path;
import org.kapcompanion.admin.TokenProbe;
import org.kapcompanion.config.TenantConfig;

/**
 * Sends the tenant's client authentication with a client-credentials request (RFC 6749 §4.4, SMART Backend Services)
 * and reads the answer: an EHR checks the client before the grant, so {@code invalid_client} means the secret, the
 * registered keys or the algorithm are wrong, while {@code unauthorized_client} or {@code unsupported_grant_type}
 * mean the client itself was accepted.
 */
public final class ClientAuthenticationProbe implements TokenProbe {

  private static final Scope PROBE_SCOPE = new Scope("system/Patient.read");

  private final TokenClient tokens;

  public ClientAuthenticationProbe(Path keysFile) {
    this.tokens = new TokenClient(AppKeys.load(keysFile));
  }

  @Override
  public Answer ask(TenantConfig tenant, URI tokenEndpoint) {
    TokenClient.Result result = tokens.request(tenant, tokenEndpoint, new ClientCredentialsGrant(), PROBE_SCOPE);
    if (result instanceof TokenClient.Result.Rejected rejected) {
      return verdictOn(rejected.error());
    }
    if (result instanceof TokenClient.Result.Unavailable unavailable) {
      return new Answer(Verdict.REFUSED, "not possible: " + unavailable.detail() + " (" + tokenEndpoint
          + ") — no user can sign in until this is fixed");
    }
    return new Answer(Verdict.ACCEPTED,
        "accepted — the EHR also granted a client-credentials token (backend services are open to this client)");
  }

  private static Answer verdictOn(String error) {
    return switch (error) {
      case "invalid_client" -> new Answer(Verdict.REFUSED, "REFUSED by the token endpoint (invalid_client) — check "
          + "clientId, the client secret or, for private_key_jwt, the JWKS URL registered with the EHR and the signing "
          + "algorithm; an EHR that answers so to every client not registered for backend services needs one "
          + "sign-in from the EHR to confirm");
      case "unauthorized_client", "unsupported_grant_type", "invalid_scope", "invalid_grant" -> new Answer(
          Verdict.ACCEPTED, "accepted — the token endpoint checked the client and answered " + error
          + " to a client-credentials request, which this app does not need");
      default -> new Answer(Verdict.INCONCLUSIVE, "not confirmed — the token endpoint answered " + error
          + " before saying whether it accepts the client; sign in once from the EHR to confirm");
    };
  }
}
