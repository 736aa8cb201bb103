package org.kapcompanion.launch;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.kapcompanion.web.JsonAnswer;
import org.kapcompanion.web.Templates;

/** Every way a launch or a session can fail that a clinician needs explained, with the HTTP status of its page. */
public enum LaunchError {
  MISSING_ISS(400, "This page must be opened from the EHR",
      "The launch did not say which EHR it came from. Open KAP Companion from the patient's chart in the EHR."),
  UNKNOWN_ISS(400, "This EHR is not set up for KAP Companion",
      "The launch came from an EHR this installation does not know. Ask IT to add it, then launch again from the EHR."),
  EHR_UNREACHABLE(502, "The EHR could not be reached",
      "KAP Companion could not talk to the EHR's sign-in service. Wait a moment, then launch again from the EHR."),
  STATE_INVALID(400, "This sign-in link is no longer valid",
      "It was already used, it expired, or it did not come from KAP Companion. Launch again from the EHR."),
  COOKIES_BLOCKED(400, "Your browser blocked KAP Companion's cookie",
      "KAP Companion needs its cookie to keep your session safe. Allow cookies for this site, then launch again from the EHR."),
  AUTHORIZATION_DENIED(403, "The EHR did not allow access",
      "The EHR declined to give KAP Companion access to this record. Launch again from the EHR, or ask IT to check the app's permissions."),
  TOKEN_FAILED(502, "Sign-in could not be completed",
      "The EHR did not complete the sign-in. Launch again from the EHR; if it keeps happening, tell IT."),
  IDENTITY_INVALID(502, "The EHR could not confirm who you are",
      "The sign-in answer from the EHR could not be verified. Launch again from the EHR; if it keeps happening, tell IT."),
  NO_PATIENT(400, "No patient was selected",
      "KAP Companion opens on one patient's record. Launch it from the patient's chart in the EHR."),
  PATIENT_UNREADABLE(502, "The patient's record could not be read",
      "The EHR did not return this patient, so KAP Companion shows nothing rather than a record it cannot vouch for. "
          + "Check the patient in the EHR and launch again from the chart; if it keeps happening, tell IT."),
  SESSION_EXPIRED(401, "Your session has ended",
      "For safety, sessions end after a period without use or when the EHR sign-in expires. Launch again from the EHR."),
  METHOD_NOT_ALLOWED(405, "This address does not take that request",
      "KAP Companion's page asked for something this address does not do. Reload the page and try again.");

  private final int status;
  private final String title;
  private final String advice;

  LaunchError(int status, String title, String advice) {
    this.status = status;
    this.title = title;
    this.advice = advice;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String advice() {
    return advice;
  }

  /** Sends this error as {@code {"error": …}} when {@code json} (for a page's script), else as its page. */
  void send(boolean json, Templates templates, HttpServletResponse response) throws IOException {
    if (json) {
      JsonAnswer.send(response, status, JsonAnswer.error(title + ". " + advice));
    } else {
      sendTo(templates, response);
    }
  }

  /** Sends this error's page: its status, title and advice. */
  public void sendTo(Templates templates, HttpServletResponse response) throws IOException {
    templates.error(response, status, title, advice);
  }
}
