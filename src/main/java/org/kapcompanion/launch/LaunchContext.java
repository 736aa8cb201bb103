package org.kapcompanion.launch;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The context an EHR hands over with the token (SMART App Launch 2.x §2.1.2 "Launch context arrives with your
 * access_token"): the patient, the encounter and display hints.
 *
 * @param patientId the id of the patient in context
 * @param encounterId the id of the encounter in context
 * @param needPatientBanner whether the app must show its own patient banner
 * @param intent what the EHR wants the app to open, e.g. {@code reconcile-medications}
 * @param smartStyleUrl the EHR's style hints
 * @param fhirContext further resources in context
 */
public record LaunchContext(
    Optional<String> patientId,
    Optional<String> encounterId,
    boolean needPatientBanner,
    Optional<String> intent,
    Optional<URI> smartStyleUrl,
    List<FhirContextItem> fhirContext) {

  public LaunchContext {
    fhirContext = List.copyOf(fhirContext);
  }

  /**
   * One entry of {@code fhirContext}: a reference or canonical (SMART 2.1+ object form), or a bare reference
   * string (the SMART 2.0 form).
   */
  public record FhirContextItem(Optional<String> reference, Optional<String> canonical, Optional<String> type,
      Optional<String> role) {}
}
