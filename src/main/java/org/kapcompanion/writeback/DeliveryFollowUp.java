package org.kapcompanion.writeback;

import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;

/**
 * What follows from an entry once the EHR confirmed it, run by the sender before the entry's receipt is kept: an entry
 * whose follow-up did not finish is delivered again (its write finds what the first attempt stored), so a follow-up
 * must give the same result however often it runs. Writes go with the delivering session's sign-in.
 */
public interface DeliveryFollowUp {

  /** Nothing follows. */
  DeliveryFollowUp NONE = (delivered, writes) -> { };

  void delivered(Delivered delivered, Writes writes);

  /**
   * An entry the EHR confirmed.
   *
   * @param tenantId the EHR's tenant
   * @param target the resource as it was sent, its references to other entries replaced by the EHR's
   * @param reference where the EHR holds it ({@code Type/id}); empty when a fallback wrote nothing
   */
  record Delivered(String tenantId, Resource target, String reference) {}

  /** Writes of a follow-up, with the sign-in that delivered the entry. */
  interface Writes {

    /**
     * Writes {@code entry} exactly once however often it is called (its identifier is the entry id).
     *
     * @return where the EHR holds it, or empty when the EHR refused it (logged)
     * @throws Later when it is worth trying again with the entry's next delivery
     */
    Optional<String> write(Entry entry);
  }

  /** A follow-up write could not be made now; the entry is delivered again later. */
  final class Later extends RuntimeException {
    public Later(String reason) {
      super(reason);
    }
  }
}
