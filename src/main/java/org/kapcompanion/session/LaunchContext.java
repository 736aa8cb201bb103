package org.kapcompanion.session;

import java.util.Optional;

/**
 * The context an EHR hands over with the token (SMART App Launch 2.x §2.1.2 "Launch context arrives with your
 * access_token"): the patient, the encounter and whether the app shows its own patient banner.
 *
 * @param patientId the id of the patient in context
 * @param encounterId the id of the encounter in context: the {@code encounter} parameter, or else the one Encounter
 *     named in {@code fhirContext}; empty when the launch has none (the app then records its own session Encounter)
 * @param needPatientBanner whether the app must show its own patient banner
 */
public record LaunchContext(Optional<String> patientId, Optional<String> encounterId, boolean needPatientBanner) {}
