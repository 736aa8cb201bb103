package org.kapcompanion.sandbox;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one shared sandbox per test JVM (its JPA server takes seconds to boot), started on first use and
 * closed when the test run ends. Tests isolate themselves by the data they create, not by restarting it.
 */
final class SandboxExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SmartHttp.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestEhr ehr =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(TestEhr.class, key -> start(), TestEhr.class);
    return new SmartHttp(ehr);
  }

  private static TestEhr start() {
    try {
      return TestEhr.start();
    } catch (Exception e) {
      throw new IllegalStateException("Sandbox did not start", e);
    }
  }
}
