package org.kapcompanion.review;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.kapcompanion.launch.ActiveSession;
import org.kapcompanion.launch.AppSession;
import org.kapcompanion.launch.EhrClients;
import org.kapcompanion.launch.SessionTokens;

/**
 * The review's FHIR calls: made with the session's access token, retried once with a refreshed token when the EHR
 * rejects it, and run in parallel on the shared read threads where a page needs several.
 */
final class ReviewEhr {

  private final FhirContext fhir;
  private final SessionTokens tokens;
  private final ExecutorService reads;

  ReviewEhr(FhirContext fhir, SessionTokens tokens, ExecutorService reads) {
    this.fhir = fhir;
    this.tokens = tokens;
    this.reads = reads;
  }

  /** The EHR no longer accepts the session's sign-in, and refreshing did not help: the user must launch again. */
  static final class SignInEnded extends RuntimeException {
    SignInEnded() {
      super("the EHR no longer accepts this session's sign-in");
    }
  }

  <T> T call(ActiveSession active, Function<IGenericClient, T> call) {
    try {
      return call.apply(EhrClients.forSession(fhir, active.session()));
    } catch (AuthenticationException rejected) {
      AppSession refreshed = tokens.refresh(active.handle(), active.session()).orElseThrow(SignInEnded::new);
      try {
        return call.apply(EhrClients.forSession(fhir, refreshed));
      } catch (AuthenticationException again) {
        throw new SignInEnded();
      }
    }
  }

  <T> CompletableFuture<T> async(ActiveSession active, Function<IGenericClient, T> call) {
    return CompletableFuture.supplyAsync(() -> call(active, call), reads);
  }

  /** A search by relative URL that no search cache on the EHR side may answer. */
  CompletableFuture<Bundle> search(ActiveSession active, String relativeUrl) {
    return async(active, client -> search(client, relativeUrl));
  }

  static Bundle search(IGenericClient client, String relativeUrl) {
    return client.search().byUrl(relativeUrl).returnBundle(Bundle.class)
        .cacheControl(new CacheControlDirective().setNoCache(true)).execute();
  }
}
