package org.kapcompanion.record;

import java.util.Optional;

/**
 * One part of the record as the page shows it: either loaded, or unavailable with a message the clinician can act
 * on, so one failed read never breaks the whole page.
 */
public record Section<T>(Optional<T> content, Optional<String> problem) {

  public static <T> Section<T> loaded(T content) {
    return new Section<>(Optional.of(content), Optional.empty());
  }

  public static <T> Section<T> unavailable(String problem) {
    return new Section<>(Optional.empty(), Optional.of(problem));
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
