package org.kapcompanion.review;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.EhrClients;

/**
 * The review's FHIR calls: made with the session's client (which renews a rejected access token once), and run in
 * parallel on the shared read threads where a page needs several.
 */
final class ReviewEhr {

  private final FhirContext fhir;
  private final ExecutorService reads;

  ReviewEhr(FhirContext fhir, ExecutorService reads) {
    this.fhir = fhir;
    this.reads = reads;
  }

  <T> T call(ActiveSession active, Function<IGenericClient, T> call) {
    return call.apply(EhrClients.forSession(fhir, active));
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
