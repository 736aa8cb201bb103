package org.kapcompanion.record;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.config.ClinicalProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a patient's record in one round trip: every part of it is an entry of one FHIR batch, and a part that fails
 * becomes a message in its own section.
 */
public final class RecordReader {

  private static final Logger LOG = LoggerFactory.getLogger(RecordReader.class);

  private final FhirContext fhir;
  private final RecordMapper mapper;
  private final Clock clock;

  public RecordReader(FhirContext fhir, ClinicalProtocol protocol, Clock clock) {
    this.fhir = fhir;
    this.mapper = new RecordMapper(protocol, clock.getZone());
    this.clock = clock;
  }

  /** What reading the record gave: the record, or "the access token was refused" so the caller can refresh. */
  public sealed interface Result {
    record Read(PatientRecord record) implements Result {}

    record Unauthorized() implements Result {}
  }

  public Result read(String fhirBase, String accessToken, String patientId, Optional<String> fhirUser) {
    List<RecordPart> parts = new ArrayList<>();
    Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
    for (RecordPart part : RecordPart.values()) {
      part.url(patientId, fhirUser).ifPresent(url -> {
        parts.add(part);
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(url);
      });
    }
    try {
      Bundle response = client(fhirBase, accessToken).transaction().withBundle(batch).execute();
      return new Result.Read(mapper.map(results(parts, response), today()));
    } catch (AuthenticationException e) {
      return new Result.Unauthorized();
    } catch (BaseServerResponseException e) {
      LOG.warn("record batch failed with HTTP {}", e.getStatusCode());
      return new Result.Read(mapper.map(allFailed(parts, problem(e.getStatusCode())), today()));
    } catch (RuntimeException e) {
      LOG.warn("record batch failed: {}", e.getClass().getSimpleName());
      return new Result.Read(mapper.map(allFailed(parts, problem(0)), today()));
    }
  }

  private LocalDate today() {
    return clock.instant().atZone(clock.getZone()).toLocalDate();
  }

  private IGenericClient client(String fhirBase, String accessToken) {
    IGenericClient client = fhir.newRestfulGenericClient(fhirBase);
    client.registerInterceptor(new BearerTokenAuthInterceptor(accessToken));
    return client;
  }

  private static Map<RecordPart, RecordMapper.PartResult> results(List<RecordPart> parts, Bundle response) {
    Map<RecordPart, RecordMapper.PartResult> results = new EnumMap<>(RecordPart.class);
    for (int i = 0; i < parts.size(); i++) {
      RecordPart part = parts.get(i);
      if (i >= response.getEntry().size()) {
        results.put(part, RecordMapper.PartResult.failed(problem(0)));
        continue;
      }
      Bundle.BundleEntryComponent entry = response.getEntry().get(i);
      int status = status(entry.getResponse().getStatus());
      if (status >= 200 && status < 300 && entry.hasResource()) {
        results.put(part, RecordMapper.PartResult.of(RecordMapper.resourcesOf((Resource) entry.getResource())));
      } else {
        LOG.warn("record part {} failed with HTTP {}", part, status);
        results.put(part, RecordMapper.PartResult.failed(problem(status)));
      }
    }
    return results;
  }

  private static Map<RecordPart, RecordMapper.PartResult> allFailed(List<RecordPart> parts, String problem) {
    Map<RecordPart, RecordMapper.PartResult> results = new EnumMap<>(RecordPart.class);
    parts.forEach(part -> results.put(part, RecordMapper.PartResult.failed(problem)));
    return results;
  }

  private static int status(String statusLine) {
    try {
      return Integer.parseInt(statusLine.trim().split("\\s+")[0]);
    } catch (RuntimeException e) {
      return 0;
    }
  }

  static String problem(int status) {
    if (status == 401 || status == 403) {
      return "The EHR did not allow KAP Companion to read this. Ask IT to check the app's permissions.";
    }
    if (status == 404) {
      return "The EHR could not find this part of the record.";
    }
    return "The EHR could not provide this just now. Reload the page to try again.";
  }
}
