package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/** Reads the sandbox EHR directly with a launched session's token, bypassing search caches, to count what arrived. */
final class SandboxFhir {

  static final FhirContext FHIR = FhirContext.forR4();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String token;

  SandboxFhir(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  int countByIdentifier(String type, String patient, String entryId) throws IOException, InterruptedException {
    return search(type + "?patient=" + patient + "&identifier="
        + enc(EntryIdentity.SYSTEM + "|" + entryId) + "&_summary=count").getTotal();
  }

  int countByTag(String type, String patient, String entryId) throws IOException, InterruptedException {
    return search(type + "?patient=" + patient + "&_tag=" + enc(EntryIdentity.SYSTEM + "|" + entryId)
        + "&_summary=count").getTotal();
  }

  /**
   * The entry ids of every resource of {@code type} (Observation or Provenance) of the patient tagged {@code runCode},
   * one per stored resource: from the entry identifier of an Observation, from the entry tag of a Provenance.
   */
  List<String> entryIdsTagged(String type, String patient, String runSystem, String runCode)
      throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    Bundle page = search(type + "?patient=" + patient + "&_tag=" + enc(runSystem + "|" + runCode) + "&_count=500");
    while (true) {
      for (Bundle.BundleEntryComponent entry : page.getEntry()) {
        Resource resource = entry.getResource();
        if (resource instanceof Observation observation) {
          observation.getIdentifier().stream().filter(i -> EntryIdentity.SYSTEM.equals(i.getSystem()))
              .forEach(i -> ids.add(i.getValue()));
        } else {
          resource.getMeta().getTag().stream().filter(t -> EntryIdentity.SYSTEM.equals(t.getSystem()))
              .forEach(t -> ids.add(t.getCode()));
        }
      }
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return ids;
      }
      page = get(URI.create(page.getLink(Bundle.LINK_NEXT).getUrl()));
    }
  }

  private Bundle search(String query) throws IOException, InterruptedException {
    return get(URI.create(base + "/" + query));
  }

  private Bundle get(URI url) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json")
        .header("Cache-Control", "no-cache").GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("sandbox search " + url + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return FHIR.newJsonParser().parseResource(Bundle.class, response.body());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
