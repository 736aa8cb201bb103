package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.kapcompanion.writeback.ValidationProblem.Severity;

class ResourceValidatorTest {

  @Test
  void resourceWithoutAKapProfileIsInvalidRatherThanThrown() {
    ValidationResult result = SharedValidator.VALIDATOR.validate(new Patient());

    assertThat(result).isInstanceOfSatisfying(ValidationResult.Invalid.class, invalid ->
        assertThat(invalid.errors()).singleElement().satisfies(problem -> {
          assertThat(problem.severity()).isEqualTo(Severity.ERROR);
          assertThat(problem.message()).contains("does not write this kind of record (Patient)");
        }));
  }

  @Test
  void unknownLoincCodeSystemIsAWarningThatDoesNotBlockTheWrite() {
    Observation bp = (Observation) example("kap-example-bp");

    ValidationResult result = SharedValidator.VALIDATOR.validate(bp);

    assertThat(result.isValid()).isTrue();
    assertThat(result.warnings())
        .extracting(ValidationProblem::message)
        .contains("Blood pressure: code 85354-9 could not be checked against LOINC (no terminology server)");
    assertThat(result.warnings()).allSatisfy(w -> assertThat(w.severity().blocksWrite()).isFalse());
  }

  @Test
  void problemCarriesTheFhirPathLocationAndTheValidatorDetail() {
    Observation bp = (Observation) example("kap-example-bp").copy();
    bp.getComponentFirstRep().setValue(null);

    ValidationResult.Invalid result = (ValidationResult.Invalid) SharedValidator.VALIDATOR.validate(bp);

    assertThat(result.errors()).singleElement().satisfies(problem -> {
      assertThat(problem.location()).isEqualTo("Observation.component[0]");
      assertThat(problem.message()).isEqualTo("Blood pressure: systolic value is missing");
      assertThat(problem.detail()).contains("vs-3");
    });
  }

  @Test
  void validatingDoesNotChangeTheResource() {
    Observation bp = (Observation) example("kap-example-bp");
    String before = SharedValidator.FHIR.newJsonParser().encodeResourceToString(bp);

    SharedValidator.VALIDATOR.validate(bp);

    assertThat(SharedValidator.FHIR.newJsonParser().encodeResourceToString(bp)).isEqualTo(before);
  }

  @Test
  void warmUpCompletesOnceAndReportsWarm() throws Exception {
    var executor = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<Void> first = SharedValidator.VALIDATOR.warmUp(executor);
      CompletableFuture<Void> second = SharedValidator.VALIDATOR.warmUp(executor);

      first.get(2, TimeUnit.MINUTES);

      assertThat(second).isSameAs(first);
      assertThat(SharedValidator.VALIDATOR.isWarm()).isTrue();
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void warmUpFailsAndNeverReportsWarmWhenThePackagesOwnExampleIsFoundInvalid() {
    ConformancePackage broken = new ConformancePackage(SharedValidator.PACKAGE.conformanceResources(),
        List.of(new Patient()));
    ResourceValidator validator = new ResourceValidator(SharedValidator.FHIR, broken);

    CompletableFuture<Void> warmUp = validator.warmUp(Runnable::run);

    assertThat(warmUp).isCompletedExceptionally();
    assertThat(validator.isWarm()).isFalse();
  }

  @Test
  void validatorIsNotWarmBeforeWarmUp() {
    ResourceValidator fresh = new ResourceValidator(SharedValidator.FHIR, SharedValidator.PACKAGE);

    assertThat(fresh.isWarm()).isFalse();
  }

  private static org.hl7.fhir.r4.model.Resource example(String id) {
    return SharedValidator.PACKAGE.examples().stream()
        .filter(r -> r.getIdElement().getIdPart().equals(id))
        .findFirst()
        .orElseThrow();
  }
}
