package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;

/** One validator per test JVM: it takes seconds to warm, so every test class shares this one. */
public final class SharedValidator {

  public static final FhirContext FHIR = FhirContext.forR4();
  public static final ConformancePackage PACKAGE = ConformancePackage.fromClasspath(FHIR);
  public static final ResourceValidator VALIDATOR = new ResourceValidator(FHIR, PACKAGE);
  /** A validator on all of R4 core, for checking the package's own resources as FHIR R4 (the app validates none). */
  static final ResourceValidator ON_ALL_OF_R4_CORE = new ResourceValidator(FHIR, PACKAGE, AllOfR4Core::new);

  private SharedValidator() {}
}
