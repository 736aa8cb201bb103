package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConformancePackageTest {

  private static final Path SOURCE = Path.of("fhir-profiles");
  private static final Set<String> STANDARD_SYSTEMS =
      Set.of("http://loinc.org", "http://snomed.info/sct", "http://www.nlm.nih.gov/research/umls/rxnorm");
  private static final Pattern STANDARD_CODING = Pattern.compile(
      "\"system\":\"(?:http://loinc\\.org|http://snomed\\.info/sct|http://www\\.nlm\\.nih\\.gov/research/umls/rxnorm)\",\"code\":\"([^\"]+)\"");

  @Test
  void indexListsEveryFileInThePackage() throws IOException {
    List<String> onDisk;
    try (Stream<Path> files = Files.walk(SOURCE)) {
      onDisk = files.filter(Files::isRegularFile)
          .map(file -> SOURCE.relativize(file).toString().replace('\\', '/'))
          .filter(name -> !name.equals("README.md") && !name.equals("index.json"))
          .toList();
    }

    assertThat(SharedValidator.PACKAGE.conformanceResources().size() + SharedValidator.PACKAGE.examples().size())
        .isEqualTo(onDisk.size());
  }

  static Stream<MetadataResource> conformanceResources() {
    return SharedValidator.PACKAGE.conformanceResources().stream();
  }

  /**
   * Extension definitions are left out: validating one as a resource makes HAPI regenerate its snapshot against a
   * package id it does not have ("Unable to resolve package id hl7.fhir.r4.core#null"). Their rules are checked on
   * instances instead (see {@code dose-lot-number-not-text.json}).
   */
  static Stream<MetadataResource> conformanceResourcesOtherThanExtensions() {
    return conformanceResources()
        .filter(r -> !(r instanceof StructureDefinition sd && "Extension".equals(sd.getType())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conformanceResourcesOtherThanExtensions")
  void conformanceResourceIsValidR4(MetadataResource resource) {
    ValidationResult result = SharedValidator.ON_ALL_OF_R4_CORE.validateAgainst(
        resource, "http://hl7.org/fhir/StructureDefinition/" + resource.fhirType());

    assertThat(result).as("%s", result).isInstanceOf(ValidationResult.Valid.class);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conformanceResources")
  void conformanceResourceLivesUnderTheProjectCanonicalBase(MetadataResource resource) {
    assertThat(resource.getUrl())
        .isEqualTo("http://kapcompanion.org/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart());
  }

  @Test
  void everyStandardCodeIsCitedInTheReadme() throws IOException {
    String readme = Files.readString(SOURCE.resolve("README.md"));

    assertThat(standardCodes()).isNotEmpty().allSatisfy(code -> assertThat(readme).contains(code));
  }

  /** Every LOINC, SNOMED CT and RxNorm code the package's value sets, Questionnaires and examples use. */
  private static List<String> standardCodes() {
    return Stream.concat(SharedValidator.PACKAGE.conformanceResources().stream(), SharedValidator.PACKAGE.examples().stream())
        .flatMap(ConformancePackageTest::standardCodesIn)
        .distinct()
        .toList();
  }

  private static Stream<String> standardCodesIn(Resource resource) {
    if (resource instanceof ValueSet valueSet) {
      return valueSet.getCompose().getInclude().stream()
          .filter(include -> STANDARD_SYSTEMS.contains(include.getSystem()))
          .flatMap(include -> include.getConcept().stream().map(ValueSet.ConceptReferenceComponent::getCode));
    }
    String json = SharedValidator.FHIR.newJsonParser().encodeResourceToString(resource);
    return STANDARD_CODING.matcher(json).results().map(match -> match.group(1));
  }
}
