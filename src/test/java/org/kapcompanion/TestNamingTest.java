package org.kapcompanion;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Tests that start a server (the sandbox EHR, an app node, Jetty, an HTTP stub, a browser) are named {@code *IT};
 * a {@code *Test} is pure, so the quick unit run stays quick.
 */
class TestNamingTest {

  private static final DescribedPredicate<JavaClass> UNIT_TEST = DescribedPredicate.describe(
      "are (in) a *Test class", TestNamingTest::inUnitTest);

  @Test
  void noUnitTestStartsAServer() {
    noClasses().that(UNIT_TEST)
        .should().dependOnClassesThat().haveFullyQualifiedName("org.kapcompanion.testing.TestEnvironment")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.kapcompanion.testing.BrowserTest")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.kapcompanion.testing.Chromium")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.kapcompanion.sandbox.TestEhr")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.kapcompanion.sandbox.SandboxExtension")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.kapcompanion.web.WebServer")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("com.sun.net.httpserver.HttpServer")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.eclipse.jetty.server.Server")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.kapcompanion.testing.SandboxLauncher")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.kapcompanion.testing.SandboxAccess")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.kapcompanion.testing.Launches")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.kapcompanion.writeback.LaunchFixture")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.kapcompanion.writeback.SessionClient")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.kapcompanion.writeback.FaultProxy")
        .orShould().callMethodWhere(startsTheSandbox())
        .orShould().callMethod(App.class, "start", org.kapcompanion.config.AppConfig.class)
        .because("a test that starts a server is an integration test and is named *IT")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("org.kapcompanion"));
  }

  /** A call of a fixture that reaches the running sandbox: a method of one of them given the test environment. */
  private static DescribedPredicate<JavaMethodCall> startsTheSandbox() {
    return DescribedPredicate.describe("takes the running test environment", call ->
        call.getTarget().getRawParameterTypes().stream()
            .anyMatch(type -> type.getName().equals("org.kapcompanion.testing.TestEnvironment")));
  }

  /** A concrete top-level class named {@code *Test}, or a class nested in one. */
  private static boolean inUnitTest(JavaClass type) {
    JavaClass top = type;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top.getSimpleName().endsWith("Test") && !top.getModifiers().contains(JavaModifier.ABSTRACT);
  }
}
