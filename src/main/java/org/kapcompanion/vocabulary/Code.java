package org.kapcompanion.vocabulary;

import java.util.Arrays;
import java.util.stream.Collectors;

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

  /** Its value in a FHIR token search, {@code system|code}. */
  public String token() {
    return system + "|" + code;
  }

  /** A FHIR token search's value matching any of {@code codes}: {@code system|code,system|code}. */
  public static String anyOf(Code... codes) {
    return Arrays.stream(codes).map(Code::token).collect(Collectors.joining(","));
  }
}
