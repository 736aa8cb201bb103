package org.kapcompanion.recorded;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.kapcompanion.vocabulary.Code;

/**
 * The vocabulary's codes in FHIR: a code as the Coding or CodeableConcept the app writes, and the test whether a
 * CodeableConcept it reads carries one.
 */
public final class Codings {

  private Codings() {}

  /** {@code code} as a FHIR Coding, with its code system's display. */
  public static Coding coding(Code code) {
    return new Coding(code.system(), code.code(), code.display());
  }

  /** {@code code} as a FHIR CodeableConcept of that one Coding. */
  public static CodeableConcept concept(Code code) {
    return new CodeableConcept(coding(code));
  }

  /** Whether one of the codings of {@code concept} is {@code code} in its system. */
  public static boolean carries(CodeableConcept concept, Code code) {
    return concept.getCoding().stream().anyMatch(c -> code.is(c.getSystem(), c.getCode()));
  }
}
