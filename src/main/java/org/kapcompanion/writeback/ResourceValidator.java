package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;

/**
 * Checks every resource the app writes against its KAP profile before it leaves, with one HAPI validator built from
 * FHIR R4 core (what of it the build prepared, {@link BuiltDefinitions}) and the conformance package. Build one per app
 * and share it: it is thread-safe, and costly to warm. Its definitions are read on first use (the warm-up), not when it
 * is built, so building one costs the app's start nothing.
 */
public final class ResourceValidator {

  private final FhirContext fhir;
  private final Supplier<R4CoreSource> r4CoreSource;
  private final ProfileSelector profiles = new ProfileSelector();
  private final ProblemWording wording;
  private final ConformancePackage conformancePackage;
  private final AtomicReference<CompletableFuture<Void>> warming = new AtomicReference<>();
  private volatile Prepared prepared;

  /** HAPI's validator on its definitions, and where it finds R4 core's. */
  private record Prepared(FhirValidator validator, R4CoreSource r4Core) {}

  /**
   * A validator on the definitions the build prepared.
   *
   * @throws IllegalStateException when the build's definitions are not on the class path (a packaging defect)
   */
  public ResourceValidator(FhirContext fhir, ConformancePackage conformancePackage) {
    this(fhir, conformancePackage, () -> BuiltDefinitions.fromClasspath(fhir));
    BuiltDefinitions.requireOnClasspath();
  }

  ResourceValidator(FhirContext fhir, ConformancePackage conformancePackage, Supplier<R4CoreSource> r4CoreSource) {
    this.fhir = fhir;
    this.conformancePackage = conformancePackage;
    this.wording = new ProblemWording(conformancePackage);
    this.r4CoreSource = r4CoreSource;
  }

  /**
   * Validates a resource against the KAP profile chosen for it. Never throws for an invalid resource: a resource with
   * no KAP profile, or one the validator cannot process, is {@link ValidationResult.Invalid}. While the background
   * warm-up runs, waits for it: HAPI generates the profiles' snapshots on first use, and two threads generating the
   * same one corrupt it.
   */
  public ValidationResult validate(IBaseResource resource) {
    CompletableFuture<Void> warm = warming.get();
    if (warm != null && !warm.isDone()) {
      warm.exceptionally(error -> null).join();
    }
    return validateWarm(resource);
  }

  private ValidationResult validateWarm(IBaseResource resource) {
    return profiles.profileFor(resource)
        .map(profile -> validateAgainst(resource, profile))
        .orElseGet(() -> new ValidationResult.Invalid(List.of(wording.noProfile(resource)), List.of()));
  }

  /** Validates a resource against the given profile (a KAP profile, or an R4 core one for conformance resources). */
  ValidationResult validateAgainst(IBaseResource resource, String profileUrl) {
    List<ValidationProblem> problems;
    try {
      List<SingleValidationMessage> messages =
          prepared().validator().validateWithResult(resource, new ValidationOptions().addProfile(profileUrl))
              .getMessages().stream()
              .filter(message -> message.getSeverity() != ResultSeverityEnum.INFORMATION)
              .toList();
      problems = wording.problems(resource, profileUrl, messages);
    } catch (RuntimeException e) {
      return new ValidationResult.Invalid(List.of(wording.unprocessable(resource, profileUrl, e)), List.of());
    }
    List<ValidationProblem> errors = problems.stream().filter(p -> p.severity().blocksWrite()).toList();
    List<ValidationProblem> warnings = problems.stream().filter(p -> !p.severity().blocksWrite()).toList();
    return errors.isEmpty() ? new ValidationResult.Valid(warnings) : new ValidationResult.Invalid(errors, warnings);
  }

  /**
   * Warms the validator in the background by validating every example in the package once (loading R4 core and
   * generating the profiles' snapshots). An example found invalid fails the warm-up, so {@code /ready} never reports a
   * validator that would refuse every save (e.g. one that could not load R4 core). Calling it again returns the same
   * future.
   */
  public CompletableFuture<Void> warmUp(Executor executor) {
    CompletableFuture<Void> started = new CompletableFuture<>();
    if (!warming.compareAndSet(null, started)) {
      return warming.get();
    }
    executor.execute(() -> {
      try {
        conformancePackage.examples().forEach(this::validateExample);
        started.complete(null);
      } catch (RuntimeException e) {
        started.completeExceptionally(e);
      }
    });
    return started;
  }

  private void validateExample(Resource example) {
    if (validateWarm(example) instanceof ValidationResult.Invalid invalid) {
      throw new IllegalStateException("the validator finds the conformance package's own example "
          + example.getIdElement().getIdPart() + " invalid (" + invalid.errors().size() + " errors), so it cannot "
          + "be trusted with saves");
    }
  }

  /** Whether the background warm-up has finished, so a {@code /ready} check can report it. */
  public boolean isWarm() {
    CompletableFuture<Void> future = warming.get();
    return future != null && future.isDone() && !future.isCompletedExceptionally();
  }

  /** Whether a validation needed an R4 core definition the build did not prepare, so all of R4 core was read. */
  boolean readAllOfR4Core() {
    return prepared().r4Core().readAllOfR4Core();
  }

  private Prepared prepared() {
    Prepared current = prepared;
    if (current == null) {
      synchronized (this) {
        current = prepared;
        if (current == null) {
          current = prepare();
          prepared = current;
        }
      }
    }
    return current;
  }

  private Prepared prepare() {
    R4CoreSource r4Core = r4CoreSource.get();
    FhirInstanceValidator module = new ReusingInstanceValidator(supportChain(fhir, conformancePackage, r4Core));
    module.setBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore);
    return new Prepared(fhir.newValidator().registerValidatorModule(module), r4Core);
  }

  private static ValidationSupportChain supportChain(
      FhirContext fhir, ConformancePackage conformancePackage, R4CoreSource r4Core) {
    PrePopulatedValidationSupport kap = new PrePopulatedValidationSupport(fhir);
    conformancePackage.conformanceResources().stream()
        .map(resource -> resource instanceof StructureDefinition profile ? r4Core.profile(profile) : resource)
        .forEach(kap::addResource);
    List<IValidationSupport> chain = new ArrayList<>(r4Core.supports());
    chain.addAll(List.of(
        kap,
        new SnapshotGeneratingValidationSupport(fhir),
        new InMemoryTerminologyServerValidationSupport(fhir),
        new CommonCodeSystemsTerminologyService(fhir),
        new QuestionnaireSupport(fhir, conformancePackage),
        unknownCodeSystemsWarn(fhir)));
    return new ValidationSupportChain(
        ValidationSupportChain.CacheConfiguration.defaultValues(), chain.toArray(IValidationSupport[]::new));
  }

  /** Without a terminology server, LOINC, SNOMED CT and RxNorm codes cannot be looked up: that is a warning. */
  private static UnknownCodeSystemWarningValidationSupport unknownCodeSystemsWarn(FhirContext fhir) {
    UnknownCodeSystemWarningValidationSupport support = new UnknownCodeSystemWarningValidationSupport(fhir);
    support.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
    return support;
  }

  /** Serves the package's Questionnaires, so answers are checked against their Questionnaire. */
  private record QuestionnaireSupport(FhirContext fhir, ConformancePackage conformancePackage)
      implements IValidationSupport {

    @Override
    public FhirContext getFhirContext() {
      return fhir;
    }

    @Override
    @SuppressWarnings("unchecked") // a Questionnaire is returned only when the caller asked for one (or for any type)
    public <T extends IBaseResource> T fetchResource(Class<T> type, String url) {
      if (type != null && !type.isAssignableFrom(Questionnaire.class)) {
        return null;
      }
      return (T) conformancePackage.questionnaire(url).orElse(null);
    }
  }
}
