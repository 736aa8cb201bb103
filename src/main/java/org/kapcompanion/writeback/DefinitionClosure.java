package org.kapcompanion.writeback;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionKind;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Run by the build: works out which R4 core definitions the KAP profiles reach and generates the profiles' snapshots,
 * then writes both as {@link BuiltDefinitions}. Reached are every data type, the resources the profiles constrain and
 * their bases, the resources their references may point to, the profiles and extensions their elements name, and the
 * value sets they bind with the code systems those include.
 */
public final class DefinitionClosure {

  private static final String CORE_PREFIX = "http://hl7.org/fhir/StructureDefinition/";
  private static final List<String> ALWAYS = List.of("Resource", "DomainResource");

  private final DefaultProfileValidationSupport r4Core;
  private final ConformancePackage conformancePackage;
  private final Map<String, Resource> reached = new LinkedHashMap<>();
  private final Map<String, StructureDefinition> referenced = new LinkedHashMap<>();
  private final Set<String> packageValueSetsWalked = new HashSet<>();
  private final Deque<StructureDefinition> toWalk = new ArrayDeque<>();

  private DefinitionClosure(DefaultProfileValidationSupport r4Core, ConformancePackage conformancePackage) {
    this.r4Core = r4Core;
    this.conformancePackage = conformancePackage;
  }

  /**
   * {@code DefinitionClosure CLASSES_DIRECTORY}: writes the built definitions of the conformance package on the class
   * path into that directory.
   */
  public static void main(String[] args) throws IOException {
    FhirContext fhir = FhirContext.forR4Cached();
    BuiltDefinitions built = build(fhir, ConformancePackage.fromClasspath(fhir));
    built.writeTo(Path.of(args[0]));
    System.out.println("Wrote " + built.reached().size() + " R4 core definitions the KAP profiles reach, "
        + built.referenced().size() + " they reference, and the KAP profiles' snapshots to "
        + Path.of(args[0]).resolve(BuiltDefinitions.REACHED).getParent());
  }

  /** The R4 core definitions the package's profiles reach, and its profiles with their snapshots. */
  static BuiltDefinitions build(FhirContext fhir, ConformancePackage conformancePackage) {
    DefaultProfileValidationSupport r4Core = new DefaultProfileValidationSupport(fhir);
    List<StructureDefinition> profiles = withSnapshots(fhir, r4Core, conformancePackage);
    DefinitionClosure closure = new DefinitionClosure(r4Core, conformancePackage);
    closure.r4Core.<StructureDefinition>fetchAllStructureDefinitions().stream()
        .filter(DefinitionClosure::isDataType)
        .forEach(closure::walk);
    ALWAYS.forEach(type -> closure.structureDefinition(CORE_PREFIX + type).ifPresent(closure::walk));
    profiles.forEach(closure::walkProfile);
    closure.walkAll();
    closure.referenced.keySet().removeAll(closure.reached.keySet());
    return new BuiltDefinitions(fhir, List.copyOf(closure.reached.values()), List.copyOf(closure.referenced.values()),
        allUrls(r4Core), profiles);
  }

  /** The package's profiles with the snapshots the validator would generate for them, by the same generator. */
  private static List<StructureDefinition> withSnapshots(
      FhirContext fhir, IValidationSupport r4Core, ConformancePackage conformancePackage) {
    PrePopulatedValidationSupport kap = new PrePopulatedValidationSupport(fhir);
    conformancePackage.conformanceResources().forEach(kap::addResource);
    ValidationSupportChain chain =
        new ValidationSupportChain(r4Core, kap, new SnapshotGeneratingValidationSupport(fhir));
    WorkerContextValidationSupportAdapter worker = new WorkerContextValidationSupportAdapter(chain);
    SnapshotGeneratingValidationSupport generator = new SnapshotGeneratingValidationSupport(fhir, worker);
    return conformancePackage.conformanceResources().stream()
        .filter(StructureDefinition.class::isInstance)
        .map(StructureDefinition.class::cast)
        .map(profile -> (StructureDefinition)
            generator.generateSnapshot(new ValidationSupportContext(chain), profile, "", null, ""))
        .toList();
  }

  private static Set<String> allUrls(DefaultProfileValidationSupport r4Core) {
    r4Core.fetchCodeSystem("http://hl7.org/fhir/CodeSystem/narrative-status"); // reads R4 core's terminology
    return r4Core.fetchAllConformanceResources().stream()
        .map(resource -> ((MetadataResource) resource).getUrl())
        .collect(Collectors.toSet());
  }

  private void walkProfile(StructureDefinition profile) {
    toWalk.add(profile);
    baseChain(profile).forEach(this::walk);
  }

  private Stream<StructureDefinition> baseChain(StructureDefinition definition) {
    return Stream.iterate(structureDefinition(definition.getBaseDefinition()), Optional::isPresent,
            base -> structureDefinition(base.get().getBaseDefinition()))
        .map(Optional::get);
  }

  private void walk(StructureDefinition definition) {
    if (reached.putIfAbsent(key(definition), definition) == null) {
      toWalk.add(definition);
    }
  }

  /** Adds a definition a reference may point to, without what its own elements reach. */
  private void addTarget(StructureDefinition target) {
    referenced.putIfAbsent(key(target), target);
    baseChain(target).forEach(base -> referenced.putIfAbsent(key(base), base));
  }

  private void walkAll() {
    while (!toWalk.isEmpty()) {
      StructureDefinition definition = toWalk.poll();
      List<ElementDefinition> elements = new ArrayList<>(definition.getSnapshot().getElement());
      elements.addAll(definition.getDifferential().getElement());
      elements.forEach(this::walkElement);
    }
  }

  private void walkElement(ElementDefinition element) {
    for (ElementDefinition.TypeRefComponent type : element.getType()) {
      if (!type.getCode().startsWith("http://hl7.org/fhirpath/")) {
        structureDefinition(type.getCode()).ifPresent(this::walk);
      }
      type.getProfile().stream().map(CanonicalType::getValue).map(this::structureDefinition)
          .flatMap(Optional::stream).forEach(profile -> {
            walk(profile);
            baseChain(profile).forEach(this::walk);
          });
      type.getTargetProfile().stream().map(CanonicalType::getValue).map(this::structureDefinition)
          .flatMap(Optional::stream).forEach(this::addTarget);
    }
    if (element.hasBinding() && element.getBinding().hasValueSet()) {
      valueSet(element.getBinding().getValueSet());
    }
  }

  /** Reaches an R4 core value set, or walks a package value set for the R4 core ones and code systems it includes. */
  private void valueSet(String url) {
    String canonical = BuiltDefinitions.withoutVersion(url);
    Optional<ValueSet> fromPackage = conformancePackage.valueSet(canonical);
    if (fromPackage.isPresent()) {
      if (packageValueSetsWalked.add(canonical)) {
        walkIncludes(fromPackage.get());
      }
    } else if (r4Core.fetchValueSet(canonical) instanceof ValueSet valueSet
        && reached.putIfAbsent(key(valueSet), valueSet) == null) {
      walkIncludes(valueSet);
    }
  }

  private void walkIncludes(ValueSet valueSet) {
    Stream.concat(valueSet.getCompose().getInclude().stream(), valueSet.getCompose().getExclude().stream())
        .forEach(include -> {
          if (include.hasSystem() && r4Core.fetchCodeSystem(include.getSystem()) instanceof CodeSystem codeSystem) {
            reached.putIfAbsent(key(codeSystem), codeSystem);
          }
          include.getValueSet().forEach(included -> valueSet(included.getValue()));
        });
  }

  private Optional<StructureDefinition> structureDefinition(String urlOrType) {
    if (urlOrType == null || urlOrType.isBlank()) {
      return Optional.empty();
    }
    String url = urlOrType.contains("/") ? BuiltDefinitions.withoutVersion(urlOrType) : CORE_PREFIX + urlOrType;
    return Optional.ofNullable((StructureDefinition) r4Core.fetchStructureDefinition(url));
  }

  private static boolean isDataType(StructureDefinition definition) {
    return definition.getDerivation() == TypeDerivationRule.SPECIALIZATION
        && (definition.getKind() == StructureDefinitionKind.PRIMITIVETYPE
            || definition.getKind() == StructureDefinitionKind.COMPLEXTYPE);
  }

  private static String key(Resource resource) {
    return resource.fhirType() + " " + ((MetadataResource) resource).getUrl();
  }
}
