package org.kapcompanion.launch;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.kapcompanion.web.JsonAnswer;
import org.kapcompanion.web.Templates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns a failed EHR call during a session page into what the clinician sees: a plain page, or a
 * JSON answer for a page's script, saying what to do. A sign-in the EHR no longer accepts (401 after the refresh)
 * ends the session; a refusal (403), an error (4xx/5xx) or no answer in time each get their own words. The log gets
 * the status only, never the EHR's text, which may hold patient data.
 */
final class EhrFailures {

  private static final Logger LOG = LoggerFactory.getLogger(EhrFailures.class);

  /** How one kind of failure is answered. */
  record Answer(int status, String title, String advice) {}

  static final Answer FORBIDDEN = new Answer(502, "The EHR did not allow this",
      "The EHR did not allow KAP Companion to read or save this. Ask IT to check the app's permissions in the EHR.");
  static final Answer FAILED = new Answer(502, "The EHR could not provide this just now",
      "Reload the page in a moment. If it keeps happening, tell IT.");
  static final Answer NO_ANSWER = new Answer(504, "The EHR did not answer in time",
      "Reload the page in a moment. If it keeps happening, tell IT: the EHR may be slow or down.");
  static final Answer SIGN_IN_ENDED = new Answer(401, "Your session has ended",
      "The EHR no longer accepts this sign-in. Launch KAP Companion again from the EHR.");

  private final Templates templates;

  EhrFailures(Templates templates) {
    this.templates = templates;
  }

  /** How {@code failure} is answered, when it is a failed EHR call; empty for any other exception. */
  static Optional<Answer> answerFor(RuntimeException failure) {
    if (failure instanceof FhirClientConnectionException) {
      return Optional.of(NO_ANSWER);
    }
    if (failure instanceof AuthenticationException) {
      return Optional.of(SIGN_IN_ENDED);
    }
    if (failure instanceof ForbiddenOperationException) {
      return Optional.of(FORBIDDEN);
    }
    if (failure instanceof BaseServerResponseException) {
      return Optional.of(FAILED);
    }
    return Optional.empty();
  }

  /**
   * Answers {@code failure} as a page, or as {@code {"error": …}} when {@code json}; rethrows anything that is not a
   * failed EHR call, and does nothing more once the response has started.
   */
  void send(RuntimeException failure, String page, boolean json, HttpServletResponse response) throws IOException {
    Answer answer = answerFor(failure).orElseThrow(() -> failure);
    LOG.warn("page {}: EHR call failed ({}{})", page, failure.getClass().getSimpleName(),
        failure instanceof BaseServerResponseException e ? ", HTTP " + e.getStatusCode() : "");
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    if (json) {
      JsonAnswer.send(response, answer.status(), JsonAnswer.error(answer.title() + ". " + answer.advice()));
    } else {
      templates.error(response, answer.status(), answer.title(), answer.advice());
    }
  }
}
