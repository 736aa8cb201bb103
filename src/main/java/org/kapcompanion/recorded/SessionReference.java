package org.kapcompanion.recorded;

import java.util.Optional;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Where a record made in a dosing session points at the session's Encounter: a reading's, an alert's and a
 * checklist's {@code encounter}, a dose's {@code context}. The one table for the dosing page and the review alike.
 */
public final class SessionReference {

  private SessionReference() {}

  /**
   * The reference {@code record} makes to its session, as written (an EHR reference, or an unsent entry's
   * {@code urn:uuid}); empty when it makes none or is no record of a session.
   */
  public static Optional<Reference> of(Resource record) {
    Reference reference = null;
    if (record instanceof Observation observation) {
      reference = observation.getEncounter();
    } else if (record instanceof MedicationAdministration dose) {
      reference = dose.getContext();
    } else if (record instanceof Flag flag) {
      reference = flag.getEncounter();
    } else if (record instanceof QuestionnaireResponse response) {
      reference = response.getEncounter();
    }
    return Optional.ofNullable(reference).filter(Reference::hasReference);
  }
}
