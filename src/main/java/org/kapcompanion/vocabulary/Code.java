package org.kapcompanion.vocabulary;

/**
 * One coded concept: a code in a code system, with the display the code system gives it.
 *
 * @param system the code system's canonical URL
 * @param code the code
 * @param display the code system's display
 */
public record Code(String system, String code, String display) {

  /** Whether this is {@code code} in {@code system}. */
  public boolean is(String system, String code) {
    return this.system.equals(system) && this.code.equals(code);
  }
}
