package org.kapcompanion;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure: shared cores at the bottom (configuration, store, vocabulary, web, the session a page
 * runs in, the SMART launch, the record, the recorded session, gates, the Questionnaire form engine, write-back, operations), features
 * above them that meet only through their declared dependencies, and the sandbox beside everything.
 */
class ArchitectureTest {

  private static final String APP = "org.kapcompanion.";
  private static final List<String> FEATURES =
      List.of("course", "discharge", "handout", "integration", "monitoring", "predose", "preparation", "review");
  private static final List<String> CORES = List.of("admin", "config", "forms", "gates", "launch", "record",
      "recorded", "session", "store", "vocabulary", "web", "writeback");

  /**
   * The dependencies between features that are by design, each with its reason: a feature or one class of one.
   */
  private static final Map<String, Set<String>> BETWEEN_FEATURES = Map.of(
      // the pre-dose checklist reads the course's consent and signals to watch
      "predose", Set.of("course"),
      // the dosing page shows whether today's pre-dose checklist allows a start
      "monitoring", Set.of("predose.PredoseReadiness"),
      // discharge judges the running session the dosing page reads, and finishes it the same way
      "discharge", Set.of("monitoring.DosingSessionReader", "monitoring.SessionRecord", "monitoring.EntryMapping"));

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.kapcompanion");
  }

  @Test
  void nothingOutsideSandboxDependsOnSandbox() {
    noClasses().that().resideOutsideOfPackage("org.kapcompanion.sandbox..")
        .should().dependOnClassesThat().resideInAPackage("org.kapcompanion.sandbox..")
        .check(classes);
  }

  @Test
  void vocabularyDependsOnNothingElseOfTheApp() {
    noClasses().that().resideInAPackage("org.kapcompanion.vocabulary..")
        .should().dependOnClassesThat().resideOutsideOfPackages("org.kapcompanion.vocabulary..", "java..")
        .check(classes);
  }

  @Test
  void webInfrastructureDependsOnNothingElseOfTheApp() {
    noClasses().that().resideInAPackage("org.kapcompanion.web..")
        .should().dependOnClassesThat(inAnyOf(List.of("admin", "config", "forms", "gates", "launch", "record", "recorded", "session",
            "store", "vocabulary", "writeback", "sandbox")))
        .orShould().dependOnClassesThat(inAnyOf(FEATURES))
        .check(classes);
  }

  @Test
  void configurationAndStoreDependOnlyOnTheVocabularyAndEachOther() {
    noClasses().that().resideInAnyPackage("org.kapcompanion.config..", "org.kapcompanion.store..")
        .should().dependOnClassesThat(inAnyOf(List.of("admin", "forms", "gates", "launch", "record", "recorded", "session", "web",
            "writeback")))
        .orShould().dependOnClassesThat(inAnyOf(FEATURES))
        .check(classes);
  }

  @Test
  void adminDependsOnNoFeature() {
    noClasses().that().resideInAPackage("org.kapcompanion.admin..")
        .should().dependOnClassesThat().resideInAnyPackage("org.kapcompanion.launch..", "org.kapcompanion.record..",
            "org.kapcompanion.writeback..", "org.kapcompanion.sandbox..")
        .check(classes);
  }

  @Test
  void launchAndSessionDoNotDependOnTheRecordTheyServe() {
    noClasses().that().resideInAnyPackage("org.kapcompanion.launch..", "org.kapcompanion.session..")
        .should().dependOnClassesThat().resideInAPackage("org.kapcompanion.record..")
        .check(classes);
  }

  @Test
  void sharedCoresDependOnNoFeature() {
    noClasses().that(inAnyOf(CORES))
        .should().dependOnClassesThat(inAnyOf(FEATURES))
        .check(classes);
  }

  @Test
  void featuresMeetOnlyThroughTheirDeclaredDependencies() {
    for (String feature : FEATURES) {
      noClasses().that().resideInAPackage(APP + feature)
          .should().dependOnClassesThat(otherFeatureNotDeclared(feature))
          .check(classes);
    }
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("org.kapcompanion.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void pagesLeaveFhirCallsToReaders() {
    noClasses().that().haveSimpleNameEndingWith("Page").and().resideOutsideOfPackage("org.kapcompanion.sandbox..")
        .should().dependOnClassesThat().resideInAPackage("ca.uhn.fhir.rest.client..")
        .check(classes);
  }

  private static DescribedPredicate<JavaClass> inAnyOf(List<String> packages) {
    return DescribedPredicate.describe("reside in any of " + packages, javaClass -> packages.stream()
        .anyMatch(p -> javaClass.getPackageName().equals(APP + p)
            || javaClass.getPackageName().startsWith(APP + p + ".")));
  }

  private static DescribedPredicate<JavaClass> otherFeatureNotDeclared(String from) {
    return DescribedPredicate.describe("are in another feature, outside the declared dependencies",
        target -> {
          String targetPackage = target.getPackageName();
          if (!targetPackage.startsWith(APP) || targetPackage.equals(APP + from)) {
            return false;
          }
          String targetFeature = targetPackage.substring(APP.length());
          if (!FEATURES.contains(targetFeature)) {
            return false;
          }
          return !declared(from, target);
        });
  }

  /** Whether a class of feature {@code from} may depend on {@code target} by {@link #BETWEEN_FEATURES}. */
  private static boolean declared(String from, JavaClass target) {
    String targetName = target.getPackageName().substring(APP.length()) + "." + outermost(target);
    String targetFeature = target.getPackageName().substring(APP.length());
    return BETWEEN_FEATURES.entrySet().stream()
        .filter(allowed -> allowed.getKey().equals(from))
        .anyMatch(allowed -> allowed.getValue().contains(targetFeature) || allowed.getValue().contains(targetName));
  }

  private static String outermost(JavaClass javaClass) {
    String simple = javaClass.getName().substring(javaClass.getPackageName().length() + 1);
    int nested = simple.indexOf('$');
    return nested < 0 ? simple : simple.substring(0, nested);
  }
}
