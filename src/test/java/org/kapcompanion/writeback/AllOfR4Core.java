package org.kapcompanion.writeback;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.List;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Every R4 core definition HAPI ships and no prepared snapshots: the validator as it was before the build prepared its
 * definitions, to check the package as plain FHIR R4 and to compare the built definitions with.
 */
final class AllOfR4Core implements R4CoreSource {

  @Override
  public List<IValidationSupport> supports() {
    return List.of(new DefaultProfileValidationSupport(SharedValidator.FHIR));
  }

  @Override
  public StructureDefinition profile(StructureDefinition packageProfile) {
    return packageProfile;
  }

  @Override
  public boolean readAllOfR4Core() {
    return true;
  }
}
