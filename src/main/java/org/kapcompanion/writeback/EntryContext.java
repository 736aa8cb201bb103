package org.kapcompanion.writeback;

import java.util.Optional;

/**
 * Who and what an entry is about, taken from the launch: the patient, the dosing session (Encounter) and the
 * therapist writing it, as FHIR references relative to the EHR's base.
 */
record EntryContext(String patientId, Optional<String> encounterId, Optional<String> practitioner) {}
