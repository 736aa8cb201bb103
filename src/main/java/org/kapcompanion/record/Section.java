package org.kapcompanion.record;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One part of the record as the page shows it: either loaded, or unavailable with a message the clinician can act
 * on, so one failed read never breaks the whole page.
 */
public record Section<T>(Optional<T> content, Optional<String> problem) {

  private static final Logger LOG = LoggerFactory.getLogger(Section.class);
  private static final String NOT_NOW = "The EHR could not provide this just now. Reload the page to try again.";

  public static <T> Section<T> loaded(T content) {
    return new Section<>(Optional.of(content), Optional.empty());
  }

  public static <T> Section<T> unavailable(String problem) {
    return new Section<>(Optional.empty(), Optional.of(problem));
  }

  /**
   * A part whose read from the EHR failed, saying what the answer means for the clinician: refused (403), not there
   * (404) or not now (anything else). The log names {@code part} and the status only, never the EHR's text.
   */
  public static <T> Section<T> unreadable(String part, RuntimeException failure) {
    if (!(failure instanceof BaseServerResponseException answer)) {
      LOG.warn("{} failed: {}", part, failure.getClass().getName());
      return unavailable(NOT_NOW);
    }
    LOG.warn("{} failed with HTTP {}", part, answer.getStatusCode());
    return unavailable(switch (answer.getStatusCode()) {
      case 403 -> "The EHR did not allow KAP Companion to read this. Ask IT to check the app's permissions.";
      case 404 -> "The EHR could not find this part of the record.";
      default -> NOT_NOW;
    });
  }

  public boolean isLoaded() {
    return content.isPresent();
  }

  public T value() {
    return content.orElseThrow();
  }

  public String message() {
    return problem.orElse("");
  }
}
