package org.kapcompanion.review;

import ca.uhn.fhir.rest.api.SummaryEnum;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Task;
import org.kapcompanion.session.ActiveSession;
import org.kapcompanion.vocabulary.KapUrls;

/**
 * Writes a co-sign to the EHR at once: the Provenance by conditional create on its entry tag and the review Task by
 * conditional update on its identifier, in one transaction, so a retried co-sign never writes a second Provenance.
 * Until write-back's entry API takes any entry type, the co-sign is written here, synchronously; it belongs in the
 * durable outbox once it can go there.
 */
final class CoSignWriter {

  private final ReviewEhr ehr;

  CoSignWriter(ReviewEhr ehr) {
    this.ehr = ehr;
  }

  /** Writes the co-sign, unless an earlier attempt with the same entry id already did. */
  void write(ActiveSession active, String entryId, Provenance provenance, Task task, String encounterId) {
    String tag = KapUrls.ENTRY_ID + "|" + entryId;
    Bundle earlier = ehr.call(active, client -> client.search().byUrl("Provenance?_tag=" + tag)
        .summaryMode(SummaryEnum.COUNT).returnBundle(Bundle.class).execute());
    if (earlier.getTotal() > 0) {
      return;
    }
    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    transaction.addEntry().setFullUrl("urn:uuid:" + entryId).setResource(provenance).getRequest()
        .setMethod(Bundle.HTTPVerb.POST).setUrl("Provenance").setIfNoneExist("_tag=" + tag);
    transaction.addEntry().setResource(task).getRequest().setMethod(Bundle.HTTPVerb.PUT)
        .setUrl(ReviewTasks.conditionalUrl(encounterId));
    ehr.call(active, client -> client.transaction().withBundle(transaction).execute());
  }
}
