package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.google.gson.Gson;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The KAP conformance package ({@code fhir-profiles/}: profiles, code systems, value sets, Questionnaires and
 * examples) read from the classpath through its {@code index.json}, since a directory inside a jar cannot be listed.
 */
public final class ConformancePackage {

  /** Where the package sits on the classpath. */
  static final String ROOT = "fhir-profiles/";

  private final List<MetadataResource> conformance;
  private final List<Resource> examples;
  private final Map<String, MetadataResource> byUrl;

  ConformancePackage(List<MetadataResource> conformance, List<Resource> examples) {
    this.conformance = List.copyOf(conformance);
    this.examples = List.copyOf(examples);
    this.byUrl = this.conformance.stream().collect(Collectors.toMap(MetadataResource::getUrl, Function.identity()));
  }

  /**
   * Reads the package from the classpath. A missing or malformed file is a packaging defect, so it fails the start.
   *
   * @throws IllegalStateException when the index or a file it lists cannot be read or parsed
   */
  public static ConformancePackage fromClasspath(FhirContext fhir) {
    ClassLoader loader = ConformancePackage.class.getClassLoader();
    Index index;
    try (Reader reader = new InputStreamReader(open(loader, "index.json"), StandardCharsets.UTF_8)) {
      index = new Gson().fromJson(reader, Index.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + ROOT + "index.json", e);
    }
    IParser parser = fhir.newJsonParser();
    List<MetadataResource> conformance =
        index.conformance().stream().map(path -> (MetadataResource) parse(parser, loader, path)).toList();
    List<Resource> examples = index.examples().stream().map(path -> parse(parser, loader, path)).toList();
    return new ConformancePackage(conformance, examples);
  }

  /** The profiles, extensions, code systems, value sets and Questionnaires, to load into a validator. */
  public List<MetadataResource> conformanceResources() {
    return conformance;
  }

  /** The shipped Questionnaire with this canonical URL, e.g. {@code http://kapcompanion.org/fhir/Questionnaire/phq-9}. */
  public Optional<Questionnaire> questionnaire(String canonicalUrl) {
    return Optional.ofNullable(byUrl.get(canonicalUrl))
        .filter(Questionnaire.class::isInstance)
        .map(Questionnaire.class::cast);
  }

  /** The example instances, one or more per profile; every one validates against its profile. */
  List<Resource> examples() {
    return examples;
  }

  /** The package's value set with this canonical URL. */
  Optional<ValueSet> valueSet(String canonicalUrl) {
    return Optional.ofNullable(byUrl.get(canonicalUrl)).filter(ValueSet.class::isInstance).map(ValueSet.class::cast);
  }

  /** The profile with this canonical URL. */
  Optional<StructureDefinition> profile(String canonicalUrl) {
    return Optional.ofNullable(byUrl.get(canonicalUrl))
        .filter(StructureDefinition.class::isInstance)
        .map(StructureDefinition.class::cast);
  }

  private static Resource parse(IParser parser, ClassLoader loader, String path) {
    try (InputStream in = open(loader, path)) {
      return (Resource) parser.parseResource(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + ROOT + path, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot parse " + ROOT + path + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(ClassLoader loader, String path) {
    InputStream in = loader.getResourceAsStream(ROOT + path);
    if (in == null) {
      throw new IllegalStateException(ROOT + path + " is not on the classpath");
    }
    return in;
  }

  /** The shape of {@code index.json}: paths relative to {@code fhir-profiles/}. */
  record Index(String canonical, List<String> conformance, List<String> examples) {}
}
