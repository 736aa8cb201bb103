package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All of R4 core, read only when the validator asks for an R4 core definition the build did not include in the
 * {@link BuiltDefinitions} (it says so once in the log: the first such validation takes a few seconds longer). Asked
 * for anything R4 core does not define, it answers nothing without reading.
 */
final class R4CoreOnDemand implements IValidationSupport {

  private static final Logger LOG = LoggerFactory.getLogger(R4CoreOnDemand.class);

  private final Predicate<String> inR4Core;
  private final DefaultProfileValidationSupport r4Core;
  private final AtomicBoolean read = new AtomicBoolean();

  /** {@code inR4Core} tells, without reading, whether R4 core defines a canonical URL. */
  R4CoreOnDemand(FhirContext fhir, Predicate<String> inR4Core) {
    this.inR4Core = inR4Core;
    this.r4Core = new DefaultProfileValidationSupport(fhir);
  }

  @Override
  public FhirContext getFhirContext() {
    return r4Core.getFhirContext();
  }

  @Override
  public IBaseResource fetchStructureDefinition(String url) {
    return fromR4Core(url, r4Core::fetchStructureDefinition);
  }

  @Override
  public IBaseResource fetchValueSet(String url) {
    return fromR4Core(url, r4Core::fetchValueSet);
  }

  @Override
  public IBaseResource fetchCodeSystem(String url) {
    return fromR4Core(url, r4Core::fetchCodeSystem);
  }

  /** Whether any definition had to be read from R4 core in full. */
  boolean hasRead() {
    return read.get();
  }

  private IBaseResource fromR4Core(String url, Function<String, IBaseResource> fetch) {
    if (!inR4Core.test(url)) {
      return null;
    }
    if (read.compareAndSet(false, true)) {
      LOG.warn("The validator needs {}, an R4 core definition the build did not include; reading all of R4 core "
          + "for it (once, a few seconds)", url);
    }
    return fetch.apply(url);
  }
}
