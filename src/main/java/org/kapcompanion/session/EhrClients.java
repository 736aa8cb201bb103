package org.kapcompanion.session;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.hl7.fhir.r4.model.Bundle;

/**
 * FHIR clients that act for a launched session: its EHR's base URL and its access token (renewed once on a 401 by
 * {@link SessionBearer}), every query value
 * percent-encoded ({@link QueryEncoding}), and answers that cannot be right refused ({@link PlausibleAnswers}).
 */
public final class EhrClients {

  private EhrClients() {}

  /** A client for a page request's session: a rejected access token is renewed once ({@link SessionBearer}). */
  public static IGenericClient forSession(FhirContext fhir, ActiveSession active) {
    return client(fhir, active.session(), active.renewal());
  }

  /** A client for a stored session outside a page request, e.g. at sign-in: the EHR's 401 stands. */
  public static IGenericClient forSession(FhirContext fhir, AppSession session) {
    return client(fhir, session, rejected -> Optional.empty());
  }

  private static IGenericClient client(FhirContext fhir, AppSession session, SessionBearer.Renewal renewal) {
    IGenericClient client = fhir.newRestfulGenericClient(session.fhirBase().toString());
    client.registerInterceptor(new SessionBearer(session.tokens().accessToken(), renewal));
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
