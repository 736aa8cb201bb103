package org.kapcompanion.writeback;

import java.util.Optional;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.launch.SessionTokens;

/** Delivery credentials from the launched sessions: their stored tokens, refreshed with the refresh token. */
final class SessionCredentials implements DeliveryCredentials {

  private final SessionTokens tokens;

  SessionCredentials(SessionTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Optional<FhirWriter.Credentials> current(String sessionHash) {
    return tokens.freshByHash(sessionHash).map(SessionCredentials::credentials);
  }

  @Override
  public Optional<FhirWriter.Credentials> renew(String sessionHash, FhirWriter.Credentials rejected) {
    return tokens.renewed(sessionHash, rejected.accessToken())
        .map(token -> new FhirWriter.Credentials(rejected.fhirBase(), token));
  }

  private static FhirWriter.Credentials credentials(AppSession session) {
    return new FhirWriter.Credentials(session.fhirBase(), session.tokens().accessToken());
  }
}
