package org.kapcompanion.launch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.hl7.fhir.r4.model.Bundle;

/**
 * FHIR clients that act for a launched session: its EHR's base URL and its current access token, every query value
 * percent-encoded ({@link QueryEncoding}), and answers that cannot be right refused ({@link PlausibleAnswers}).
 */
public final class EhrClients {

  private EhrClients() {}

  public static IGenericClient forSession(FhirContext fhir, AppSession session) {
    IGenericClient client = fhir.newRestfulGenericClient(session.fhirBase().toString());
    client.registerInterceptor(new BearerTokenAuthInterceptor(session.tokens().accessToken()));
    client.registerInterceptor(new QueryEncoding());
    client.registerInterceptor(new PlausibleAnswers(fhir));
    return client;
  }

  /** The result of a read started in parallel; a failure is thrown as the client threw it (e.g. an HTTP status). */
  public static <T> T await(CompletableFuture<T> read) {
    try {
      return read.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The search's first page with the entries of all its next pages added, so nothing past page one is missed. */
  public static Bundle everyPage(IGenericClient client, Bundle first) {
    Bundle page = first;
    while (page.getLink(Bundle.LINK_NEXT) != null) {
      page = client.loadPage().next(page).execute();
      first.getEntry().addAll(page.getEntry());
    }
    return first;
  }
}
