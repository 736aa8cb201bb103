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
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure: shared cores at the bottom (configuration, store, vocabulary, web, the launch and session
 * core, the record, the recorded session, gates, write-back, operations), features above them that meet only through
 * the Questionnaire form engine, and the sandbox beside everything.
 */
class ArchitectureTest {

  private static final String APP = "org.kapcompanion.";
  private static final List<String> FEATURES =
      List.of("checklist", "course", "handout", "integration", "monitoring", "preparation", "review");
  private static final List<String> CORES = List.of("admin", "config", "gates", "launch", "record", "recorded",
      "store", "vocabulary", "web", "writeback");

  /** The pre-dose checklist's own classes in {@code checklist}; the rest of it is the form engine the features share. */
  private static final Pattern PREDOSE = Pattern.compile("(Predose|ConsentCheck|CourseWatchAnswer).*");

  /**
   * The dependencies between features that are by design, each with its reason: a feature or one class of one. The
   * form engine's own independence is a rule of its own.
   */
  private static final Map<String, Set<String>> BETWEEN_FEATURES = Map.of(
      // the pre-dose checklist reads the course's consent and signals to watch
      "checklist", Set.of("course"),
      // the dosing page shows whether today's pre-dose checklist allows a start
      "monitoring", Set.of("checklist.PredoseReadiness"));

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
        .should().dependOnClassesThat(inAnyOf(List.of("admin", "config", "gates", "launch", "record", "recorded",
            "store", "vocabulary", "writeback", "sandbox")))
        .orShould().dependOnClassesThat(inAnyOf(FEATURES))
        .check(classes);
  }

  @Test
  void configurationAndStoreDependOnlyOnTheVocabularyAndEachOther() {
    noClasses().that().resideInAnyPackage("org.kapcompanion.config..", "org.kapcompanion.store..")
        .should().dependOnClassesThat(inAnyOf(List.of("admin", "gates", "launch", "record", "recorded", "web",
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
  void launchDoesNotDependOnTheRecordItServes() {
    noClasses().that().resideInAPackage("org.kapcompanion.launch..")
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
  void featuresMeetOnlyThroughTheFormEngineAndTheirDeclaredDependencies() {
    for (String feature : FEATURES) {
      noClasses().that().resideInAPackage(APP + feature)
          .should().dependOnClassesThat(otherFeatureOutsideTheFormEngine(feature))
          .check(classes);
    }
  }

  @Test
  void theFormEngineDependsOnNoFeatureNorOnThePredoseChecklist() {
    noClasses().that(formEngine())
        .should().dependOnClassesThat(inAnyOf(FEATURES.stream().filter(f -> !f.equals("checklist")).toList()))
        .orShould().dependOnClassesThat(predose())
        .check(classes);
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

  private static DescribedPredicate<JavaClass> formEngine() {
    return DescribedPredicate.describe("are the form engine in checklist", javaClass ->
        javaClass.getPackageName().equals(APP + "checklist") && !PREDOSE.matcher(javaClass.getSimpleName()).matches()
            && !PREDOSE.matcher(outermost(javaClass)).matches());
  }

  private static DescribedPredicate<JavaClass> predose() {
    return DescribedPredicate.describe("are the pre-dose checklist's", javaClass ->
        javaClass.getPackageName().equals(APP + "checklist") && PREDOSE.matcher(outermost(javaClass)).matches());
  }

  private static DescribedPredicate<JavaClass> otherFeatureOutsideTheFormEngine(String from) {
    return DescribedPredicate.describe("are in another feature, outside the form engine and the declared dependencies",
        target -> {
          String targetPackage = target.getPackageName();
          if (!targetPackage.startsWith(APP) || targetPackage.equals(APP + from)) {
            return false;
          }
          String targetFeature = targetPackage.substring(APP.length());
          if (!FEATURES.contains(targetFeature) || formEngine().test(target)) {
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
