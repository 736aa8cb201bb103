package org.kapcompanion.admin;

import java.net.URI;
import org.kapcompanion.config.TenantConfig;

/**
 * Asks an EHR's token endpoint, without a user, whether it accepts the app's client authentication: the answer to a
 * client-credentials request tells a refused client ({@code invalid_client}) from a grant the EHR does not offer.
 */
public interface TokenProbe {

  /** What the token endpoint's answer says about the configured client authentication. */
  enum Verdict { ACCEPTED, REFUSED, INCONCLUSIVE }

  /**
   * @param verdict whether the client authentication was accepted, refused, or the answer does not tell
   * @param text what the EHR answered and what to check, for the administrator
   */
  record Answer(Verdict verdict, String text) {}

  Answer ask(TenantConfig tenant, URI tokenEndpoint);
}
