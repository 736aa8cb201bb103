package org.kapcompanion.writeback;

import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.List;
import org.hl7.fhir.r4.model.StructureDefinition;

/** Where the validator finds FHIR R4 core's definitions, and the form of each package profile it validates against. */
interface R4CoreSource {

  /** The validation supports that serve R4 core's definitions, first in the validator's chain. */
  List<IValidationSupport> supports();

  /** The package profile as the validator should have it (e.g. with its snapshot already generated). */
  StructureDefinition profile(StructureDefinition packageProfile);

  /** Whether a validation has needed a definition this source could not give without reading all of R4 core. */
  boolean readAllOfR4Core();
}
