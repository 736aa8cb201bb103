package org.kapcompanion.launch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** FHIR clients that act for a launched session: its EHR's base URL and its current access token. */
public final class EhrClients {

  private EhrClients() {}

  public static IGenericClient forSession(FhirContext fhir, AppSession session) {
    IGenericClient client = fhir.newRestfulGenericClient(session.fhirBase().toString());
    client.registerInterceptor(new BearerTokenAuthInterceptor(session.tokens().accessToken()));
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
}
