package org.kapcompanion.monitoring;

import java.util.Optional;
import org.hl7.fhir.r4.model.Reference;

/**
 * Who and what an in-session entry is about: the patient, the dosing session Encounter (an EHR reference or the
 * {@code urn:uuid} of the app's own session entry) and the therapist recording it.
 *
 * @param patientId the patient's id on the EHR
 * @param encounter the dosing session, or the launch encounter when no dosing session is running
 * @param practitioner the therapist as {@code Practitioner/id}, when the launch named one
 */
public record SessionSubject(String patientId, Optional<Reference> encounter, Optional<String> practitioner) {

  Reference patient() {
    return new Reference("Patient/" + patientId);
  }

  Optional<Reference> performer() {
    return practitioner.map(Reference::new);
  }
}
