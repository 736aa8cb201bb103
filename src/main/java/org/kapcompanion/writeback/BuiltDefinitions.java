package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.kapcompanion.vocabulary.KapUrls;

/**
 * The validation definitions the build prepares ({@link DefinitionClosure}): the part of R4 core that the KAP profiles
 * reach, the resource definitions their references name, the canonical URL of everything else in R4 core, and the KAP
 * profiles with their snapshots. Reading them instead of all of R4 core (32 MB of XML) and generating the snapshots at
 * every start shortens the validator's warm-up.
 */
final class BuiltDefinitions implements R4CoreSource {

  /** Where the build writes the reached R4 core definitions and the KAP profiles, on the class path. */
  static final String REACHED = "validation/reached-definitions.json";
  /** Where the build writes the resource definitions that references name, on the class path. */
  static final String REFERENCED = "validation/referenced-definitions.json";
  /** Where the build writes the URLs of all of R4 core's definitions, one per line. */
  static final String R4_CORE_URLS = "validation/r4-core-urls.txt";

  private final FhirContext fhir;
  private final List<Resource> reached;
  private final List<StructureDefinition> referenced;
  private final Set<String> r4CoreUrls;
  private final Map<String, StructureDefinition> profilesWithSnapshots;
  private final R4CoreOnDemand onDemand;

  /**
   * @param reached the R4 core definitions the profiles reach: what the validator lists as all it knows
   * @param referenced the R4 core resource definitions only named as reference targets, found by URL alone
   */
  BuiltDefinitions(FhirContext fhir, List<Resource> reached, List<StructureDefinition> referenced,
      Set<String> r4CoreUrls, List<StructureDefinition> profilesWithSnapshots) {
    this.fhir = fhir;
    this.reached = List.copyOf(reached);
    this.referenced = List.copyOf(referenced);
    this.r4CoreUrls = Set.copyOf(r4CoreUrls);
    this.profilesWithSnapshots = profilesWithSnapshots.stream()
        .collect(Collectors.toUnmodifiableMap(StructureDefinition::getUrl, Function.identity()));
    this.onDemand = new R4CoreOnDemand(fhir, this::inR4Core);
  }

  /**
   * Reads what the build wrote (the validator does so in its warm-up; {@link #requireOnClasspath} lets the start fail
   * early on a packaging defect).
   *
   * @throws IllegalStateException when a file is missing or cannot be parsed
   */
  static BuiltDefinitions fromClasspath(FhirContext fhir) {
    Map<Boolean, List<Resource>> byOrigin = read(fhir, REACHED).stream()
        .collect(Collectors.partitioningBy(BuiltDefinitions::isKapProfile));
    List<StructureDefinition> referenced =
        read(fhir, REFERENCED).stream().map(StructureDefinition.class::cast).toList();
    try (BufferedReader urls = new BufferedReader(open(R4_CORE_URLS))) {
      return new BuiltDefinitions(fhir, byOrigin.get(false), referenced, urls.lines().collect(Collectors.toSet()),
          byOrigin.get(true).stream().map(StructureDefinition.class::cast).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + R4_CORE_URLS, e);
    }
  }

  /**
   * Checks, without reading them, that the build's files are on the class path.
   *
   * @throws IllegalStateException naming the first one missing and how to get it
   */
  static void requireOnClasspath() {
    List.of(REACHED, REFERENCED, R4_CORE_URLS).forEach(resource -> {
      if (BuiltDefinitions.class.getClassLoader().getResource(resource) == null) {
        throw missing(resource);
      }
    });
  }

  /** Writes the files {@link #fromClasspath} reads into the class path directory {@code root}. */
  void writeTo(Path root) throws IOException {
    Files.createDirectories(root.resolve(REACHED).getParent());
    List<Resource> reachedAndProfiles = new ArrayList<>(reached);
    profilesWithSnapshots.values().stream()
        .sorted(Comparator.comparing(StructureDefinition::getUrl))
        .forEach(reachedAndProfiles::add);
    write(root.resolve(REACHED), reachedAndProfiles);
    write(root.resolve(REFERENCED), referenced);
    Files.write(root.resolve(R4_CORE_URLS), r4CoreUrls.stream().sorted().toList(), StandardCharsets.UTF_8);
  }

  /** The R4 core definitions the KAP profiles reach (StructureDefinitions, ValueSets, CodeSystems). */
  List<Resource> reached() {
    return reached;
  }

  /** The R4 core resource definitions that the reached ones only name as reference targets. */
  List<StructureDefinition> referenced() {
    return referenced;
  }

  /** The built definitions, then all of R4 core read on demand ({@link R4CoreOnDemand}) for any other it defines. */
  @Override
  public List<IValidationSupport> supports() {
    return List.of(new Served(fhir, reached, referenced), onDemand);
  }

  @Override
  public boolean readAllOfR4Core() {
    return onDemand.hasRead();
  }

  /**
   * Whether R4 core has a definition with this canonical URL, built or not: as given, or without its {@code |version}
   * (a few of R4 core's v2 code systems carry one in their URL).
   */
  boolean inR4Core(String canonical) {
    return r4CoreUrls.contains(canonical) || r4CoreUrls.contains(withoutVersion(canonical));
  }

  /** A canonical URL without its {@code |version}. */
  static String withoutVersion(String canonical) {
    int bar = canonical.indexOf('|');
    return bar < 0 ? canonical : canonical.substring(0, bar);
  }

  /**
   * The built form of a package profile, with its snapshot, when it was built from this very profile (the same
   * differential); otherwise the profile as given, whose snapshot the validator then generates itself.
   */
  @Override
  public StructureDefinition profile(StructureDefinition profile) {
    StructureDefinition built = profilesWithSnapshots.get(profile.getUrl());
    boolean sameSource = built != null && built.getDifferential().equalsDeep(profile.getDifferential())
        && built.getBaseDefinition().equals(profile.getBaseDefinition());
    return sameSource ? built : profile;
  }

  /**
   * Serves the built definitions. Like HAPI's {@code DefaultProfileValidationSupport} it only serves: it claims no
   * code system or value set, so codes are checked by the terminology supports as they are against all of R4 core.
   * The referenced resource definitions are found by URL but not listed among all, so the validator does not convert
   * and index them until a reference needs one.
   */
  private static final class Served extends PrePopulatedValidationSupport {

    private final Set<String> referencedOnly;

    Served(FhirContext fhir, List<Resource> reached, List<StructureDefinition> referenced) {
      super(fhir);
      reached.forEach(this::addResource);
      referenced.forEach(this::addResource);
      this.referencedOnly = referenced.stream().map(StructureDefinition::getUrl).collect(Collectors.toSet());
    }

    @Override
    @SuppressWarnings("unchecked") // the list holds the StructureDefinitions the superclass returned
    public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
      return (List<T>) super.<StructureDefinition>fetchAllStructureDefinitions().stream()
          .filter(definition -> !referencedOnly.contains(definition.getUrl()))
          .toList();
    }

    @Override
    public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
      return false;
    }

    @Override
    public boolean isValueSetSupported(ValidationSupportContext context, String valueSetUrl) {
      return false;
    }
  }

  private static List<Resource> read(FhirContext fhir, String resource) {
    try (Reader reader = open(resource)) {
      return fhir.newJsonParser().parseResource(Bundle.class, reader).getEntry().stream()
          .map(Bundle.BundleEntryComponent::getResource)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }

  private void write(Path file, List<? extends Resource> resources) throws IOException {
    Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
    resources.forEach(resource -> bundle.addEntry().setResource(resource));
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      fhir.newJsonParser().encodeResourceToWriter(bundle, writer);
    }
  }

  private static Reader open(String resource) {
    InputStream in = BuiltDefinitions.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw missing(resource);
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  private static IllegalStateException missing(String resource) {
    return new IllegalStateException(resource + " is missing from the class path: build the app with `mvn package`, "
        + "which writes it");
  }

  private static boolean isKapProfile(Resource resource) {
    return resource instanceof StructureDefinition definition && definition.getUrl().startsWith(KapUrls.BASE);
  }
}
