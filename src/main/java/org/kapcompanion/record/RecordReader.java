package org.kapcompanion.record;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.kapcompanion.config.ClinicalProtocol;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.session.EhrClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a patient's record in one round of parallel FHIR requests (one per part), so the launch costs a single
 * sequential round trip on any EHR (more only where a part the record needs whole spans more than the EHR's largest
 * page), and a part that fails becomes a message in its own section.
 */
public final class RecordReader {

  private static final Logger LOG = LoggerFactory.getLogger(RecordReader.class);

  private final FhirContext fhir;
  private final RecordMapper mapper;
  private final ExecutorService reads;
  private final Clock clock;

  /**
   * @param reads the threads that wait on the EHR, shared by all sessions
   */
  public RecordReader(FhirContext fhir, ClinicalProtocol protocol, ExecutorService reads, Clock clock) {
    this.fhir = fhir;
    this.mapper = new RecordMapper(protocol, clock.getZone());
    this.reads = reads;
    this.clock = clock;
  }

  /** Reads the whole record of the session's patient. */
  public PatientRecord read(ActiveSession active, String patientId) {
    return read(active, patientId, EnumSet.allOf(RecordPart.class));
  }

  /** Reads only what the patient banner shows: the patient and their allergies. */
  public PatientRecord readBanner(ActiveSession active, String patientId) {
    return read(active, patientId, EnumSet.of(RecordPart.PATIENT, RecordPart.ALLERGIES));
  }

  /** The record; a sign-in the EHR no longer accepts is thrown, for the page's EHR failure answer. */
  private PatientRecord read(ActiveSession active, String patientId, Set<RecordPart> parts) {
    IGenericClient client = EhrClients.forSession(fhir, active);
    Map<RecordPart, CompletableFuture<RecordMapper.PartResult>> pending = new EnumMap<>(RecordPart.class);
    for (RecordPart part : parts) {
      part.url(patientId, active.session().fhirUser()).ifPresent(url ->
          pending.put(part, CompletableFuture.supplyAsync(() -> readPart(client, part, url), reads)));
    }
    Map<RecordPart, RecordMapper.PartResult> results = new EnumMap<>(RecordPart.class);
    pending.forEach((part, read) -> results.put(part, EhrClients.await(read)));
    return mapper.map(results, LocalDate.now(clock));
  }

  private static RecordMapper.PartResult readPart(IGenericClient client, RecordPart part, String url) {
    try {
      Resource resource = url.contains("?") ? search(client, part, url)
          : (Resource) client.read().resource(url.substring(0, url.indexOf('/')))
              .withId(url.substring(url.indexOf('/') + 1)).execute();
      return resource instanceof Bundle page && !part.whole() ? FirstPage.read(page)
          : RecordMapper.PartResult.of(RecordMapper.resourcesOf(resource));
    } catch (AuthenticationException e) {
      throw e;
    } catch (CutShort e) {
      LOG.warn("record part {} was cut short", part);
      return RecordMapper.PartResult.failed("The EHR returned only part of this list.");
    } catch (RuntimeException e) {
      return RecordMapper.PartResult.failed(Section.unreadable("record part " + part, e).message());
    }
  }

  private static Bundle search(IGenericClient client, RecordPart part, String url) {
    Bundle first = client.search().byUrl(url).returnBundle(Bundle.class).execute();
    if (!part.whole()) {
      return first;
    }
    Bundle whole = EhrClients.everyPage(client, first);
    if (RecordMapper.cutShort(whole)) {
      throw new CutShort();
    }
    return whole;
  }

  /** A search the record needs whole came back with fewer entries than the EHR said it holds. */
  private static final class CutShort extends RuntimeException {
    CutShort() {
      super("the EHR returned only part of the list", null, false, false);
    }
  }
}
