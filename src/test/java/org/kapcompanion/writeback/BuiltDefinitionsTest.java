package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator on the definitions the build prepared finds exactly what it finds on all of R4 core with snapshots
 * generated at run time, for the package's examples, the broken instances and variants of the examples that reach
 * further into R4 core (an unknown extension, contained resources of other types) — and never needs the rest of R4 core
 * for them.
 */
class BuiltDefinitionsTest {

  private static ResourceValidator onAllOfR4Core;
  private static ResourceValidator onBuiltDefinitions;

  @BeforeAll
  static void buildBothValidators() {
    onAllOfR4Core = SharedValidator.ON_ALL_OF_R4_CORE;
    onBuiltDefinitions = new ResourceValidator(SharedValidator.FHIR, SharedValidator.PACKAGE,
        () -> BuiltDefinitions.fromClasspath(SharedValidator.FHIR));
  }

  static Stream<Resource> corpus() {
    List<Resource> corpus = new ArrayList<>(SharedValidator.PACKAGE.examples());
    corpus.addAll(brokenInstances());
    SharedValidator.PACKAGE.examples().stream()
        .filter(DomainResource.class::isInstance)
        .map(DomainResource.class::cast)
        .forEach(example -> {
          corpus.add(withUnknownExtension(example));
          corpus.add(withContainedResources(example));
        });
    return corpus.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void validatesAsAllOfR4CoreDoes(Resource resource) {
    ValidationResult expected = onAllOfR4Core.validate(resource);

    assertThat(onBuiltDefinitions.validate(resource)).isEqualTo(expected);
    assertThat(onBuiltDefinitions.readAllOfR4Core()).as("needed a definition the build left out").isFalse();
  }

  @Test
  void everyPackageProfileIsBuiltWithItsSnapshot() {
    BuiltDefinitions built = BuiltDefinitions.fromClasspath(SharedValidator.FHIR);

    SharedValidator.PACKAGE.conformanceResources().stream()
        .filter(StructureDefinition.class::isInstance)
        .map(StructureDefinition.class::cast)
        .forEach(profile -> assertThat(built.profile(profile).getSnapshot().getElement())
            .as(profile.getUrl()).isNotEmpty());
  }

  @Test
  void aProfileThatDiffersFromTheBuiltOneIsUsedAsItIs() {
    BuiltDefinitions built = BuiltDefinitions.fromClasspath(SharedValidator.FHIR);
    StructureDefinition changed = SharedValidator.PACKAGE.profile(
        "http://kapcompanion.org/fhir/StructureDefinition/kap-moaas").orElseThrow().copy();
    changed.getDifferential().getElementFirstRep().setShort("changed after the build");

    assertThat(built.profile(changed)).isSameAs(changed);
  }

  @Test
  void builtDefinitionsAreASmallPartOfR4CoreAndKnowAllOfItsUrls() {
    BuiltDefinitions built = BuiltDefinitions.fromClasspath(SharedValidator.FHIR);
    DefaultProfileValidationSupport r4Core = new DefaultProfileValidationSupport(SharedValidator.FHIR);
    r4Core.fetchAllStructureDefinitions();
    r4Core.fetchCodeSystem("http://hl7.org/fhir/CodeSystem/narrative-status");
    List<String> allUrls = r4Core.fetchAllConformanceResources().stream()
        .map(resource -> ((MetadataResource) resource).getUrl())
        .toList();

    assertThat(built.reached().size() + built.referenced().size()).isLessThan(allUrls.size() / 4);
    assertThat(allUrls).allMatch(built::inR4Core);
    assertThat(built.inR4Core("http://loinc.org")).isFalse();
  }

  @Test
  void noConstraintOfAReachedDefinitionTestsForATypeListedOnlyAsAReferenceTarget() {
    BuiltDefinitions built = BuiltDefinitions.fromClasspath(SharedValidator.FHIR);
    String targetsOnly = built.referenced().stream()
        .map(StructureDefinition::getType)
        .collect(Collectors.joining("|"));
    Pattern typeTest =
        Pattern.compile("(\\b(is|as|ofType)\\s*\\(\\s*|\\s(is|as)\\s+)(FHIR\\.)?(" + targetsOnly + ")\\b");

    Stream.concat(built.reached().stream(), SharedValidator.PACKAGE.conformanceResources().stream())
        .filter(StructureDefinition.class::isInstance)
        .map(StructureDefinition.class::cast)
        .flatMap(definition -> definition.getSnapshot().getElement().stream())
        .flatMap(element -> element.getConstraint().stream())
        .forEach(constraint -> assertThat(typeTest.matcher(constraint.getExpression()).find())
            .as(constraint.getKey() + ": " + constraint.getExpression()).isFalse());
  }

  private static List<Resource> brokenInstances() {
    try (Stream<Path> files = Files.list(Path.of(BuiltDefinitionsTest.class.getResource("/profiles/broken").toURI()))) {
      return files.sorted().map(BuiltDefinitionsTest::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Resource read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Resource resource = (Resource) SharedValidator.FHIR.newJsonParser().parseResource(in);
      resource.setId(file.getFileName().toString());
      return resource;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Resource withUnknownExtension(DomainResource example) {
    DomainResource copy = example.copy();
    copy.setId(example.getIdElement().getIdPart() + "-unknown-extension");
    copy.addExtension("http://example.org/fhir/StructureDefinition/unknown", new StringType("x"));
    return copy;
  }

  private static Resource withContainedResources(DomainResource example) {
    DomainResource copy = example.copy();
    copy.setId(example.getIdElement().getIdPart() + "-contained");
    copy.addContained(new Organization().setName("Clinic").setId("org"));
    copy.addContained(new Patient().setActive(true).setId("pt"));
    return copy;
  }
}
