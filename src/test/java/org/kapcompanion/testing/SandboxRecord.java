package org.kapcompanion.testing;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.session.QueryEncoding;
import org.kapcompanion.session.AppSession;
import org.kapcompanion.writeback.EntryIdentity;
import org.kapcompanion.writeback.SharedValidator;

/** The sandbox EHR reached directly with a launched session's token: seeds today's pre-dose checklist, searches. */
public final class SandboxRecord {

  private final IGenericClient client;

  private SandboxRecord(IGenericClient client) {
    this.client = client;
  }

  /** The sandbox as the public client's session behind {@code handle} and browser cookie {@code browserKey} sees it. */
  public static SandboxRecord forSession(TestEnvironment environment, String handle, String browserKey) {
    AppSession stored = StoredSessions.of(environment, TestEnvironment.PUBLIC_CLIENT).find(handle, browserKey)
        .orElseThrow();
    SharedValidator.FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    SharedValidator.FHIR.getRestfulClientFactory().setSocketTimeout(60_000);
    IGenericClient client = SharedValidator.FHIR.newRestfulGenericClient(environment.ehr().fhirBase().toString());
    client.registerInterceptor(new BearerTokenAuthInterceptor(stored.tokens().accessToken()));
    client.registerInterceptor(new QueryEncoding());
    return new SandboxRecord(client);
  }

  /**
   * Writes a completed pre-dose checklist of today for {@code patient} (the example, re-dated, its baseline taken ten
   * minutes ago).
   */
  public void completePredose(String patient) throws IOException {
    try (InputStream in = SandboxRecord.class.getResourceAsStream(
        "/fhir-profiles/examples/QuestionnaireResponse-kap-example-predose-checklist.json")) {
      QuestionnaireResponse response = SharedValidator.FHIR.newJsonParser().parseResource(QuestionnaireResponse.class,
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
      response.setId((String) null);
      response.setIdentifier(EntryIdentity.of(UUID.randomUUID().toString()));
      response.setSubject(new Reference("Patient/" + patient));
      response.setEncounter(null);
      response.setAuthor(null);
      response.setAuthored(new Date());
      response.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
      response.getItem().stream().filter(item -> item.getLinkId().equals("baseline-vitals")).findFirst().orElseThrow()
          .addItem().setLinkId("baseline-taken-at").addAnswer()
          .setValue(new org.hl7.fhir.r4.model.DateTimeType(Date.from(Instant.now().minus(Duration.ofMinutes(10)))));
      client.create().resource(response).execute();
    }
  }

  /**
   * Moves the start of {@code patient}'s running dosing session {@code by} earlier, as if it had been started then,
   * so a test can record a dose given that long ago.
   */
  public void backdateRunningSession(String patient, java.time.Duration by) {
    org.hl7.fhir.r4.model.Encounter session = search("Encounter?patient=" + patient + "&status=in-progress&type="
        + org.kapcompanion.vocabulary.KapUrls.SESSION_TYPES + "|"
        + org.kapcompanion.vocabulary.SessionType.DOSING.value()).stream()
        .filter(org.hl7.fhir.r4.model.Encounter.class::isInstance).map(org.hl7.fhir.r4.model.Encounter.class::cast)
        .findFirst().orElseThrow(() -> new AssertionError("no running session of " + patient + " in the EHR"));
    session.getPeriod().setStart(Date.from(session.getPeriod().getStart().toInstant().minus(by)));
    client.update().resource(session).execute();
  }

  /** Every resource a search finds (first 500), bypassing the server's search cache. */
  public List<Resource> search(String query) {
    Bundle bundle = client.search().byUrl(query + "&_count=500")
        .cacheControl(new CacheControlDirective().setNoCache(true)).returnBundle(Bundle.class).execute();
    return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
  }
}
