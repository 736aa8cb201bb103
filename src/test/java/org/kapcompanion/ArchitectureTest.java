package org.kapcompanion;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

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
  void webInfrastructureDependsOnNoFeature() {
    noClasses().that().resideInAPackage("org.kapcompanion.web..")
        .should().dependOnClassesThat().resideInAnyPackage("org.kapcompanion.launch..", "org.kapcompanion.record..",
            "org.kapcompanion.sandbox..")
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
}
