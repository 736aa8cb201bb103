package org.kapcompanion.launch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;

/** FHIR clients that act for a launched session: its EHR's base URL and its current access token. */
public final class EhrClients {

  private EhrClients() {}

  public static IGenericClient forSession(FhirContext fhir, AppSession session) {
    IGenericClient client = fhir.newRestfulGenericClient(session.fhirBase().toString());
    client.registerInterceptor(new BearerTokenAuthInterceptor(session.tokens().accessToken()));
    return client;
  }
}
