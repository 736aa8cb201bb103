package org.kapcompanion.sandbox;

import java.util.List;

/**
 * What the EHR knows when it launches an app: who is signed in, whose chart is open and how to present the app
 * (SMART App Launch 2.x §Launch Context).
 *
 * @param clientId the app being launched
 * @param practitionerId the signed-in practitioner
 * @param patientId the open chart's patient
 * @param encounterId the current encounter, or {@code null}
 * @param needPatientBanner whether the app must show its own patient banner
 * @param intent the launch intent, or {@code null}
 * @param fhirContext further references in context ({@code Type/id})
 * @param legacyFhirContext whether to send {@code fhirContext} as the pre-2.1 array of strings
 */
record IssuedLaunchContext(
    String clientId,
    String practitionerId,
    String patientId,
    String encounterId,
    boolean needPatientBanner,
    String intent,
    List<String> fhirContext,
    boolean legacyFhirContext) {}
