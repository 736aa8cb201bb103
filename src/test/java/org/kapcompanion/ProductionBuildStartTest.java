package org.kapcompanion;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kapcompanion.config.AppConfig;
import org.kapcompanion.config.ConfigException;
import org.kapcompanion.config.ConfigLoader;
import org.kapcompanion.config.EmbeddedEhr;

/** A build without the sandbox EHR (the production build) refuses to start without a tenant, saying how to add one. */
class ProductionBuildStartTest {

  @Test
  void noTenantAndNoSandboxStopsTheStartNamingTheTenantsSetting() throws Exception {
    AppConfig config = config("\"tenants\": []");

    assertThatThrownBy(() -> findSandboxInProductionBuild(config)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("tenants: none configured")
        .hasMessageContaining("config/README.md");
  }

  @Test
  void sandboxEnabledWithoutSandboxStopsTheStartNamingTheSandboxSetting() throws Exception {
    AppConfig config = config("""
        "sandbox": {"enabled": true},
        "tenants": [{"id": "ehr", "fhirBaseUrl": "https://ehr.example.org/fhir", "clientId": "kap"}]""");

    assertThatThrownBy(() -> findSandboxInProductionBuild(config)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("sandbox.enabled:");
  }

  /** Looks for the sandbox with a class loader that hides its service registration, as in the production jar. */
  private static void findSandboxInProductionBuild(AppConfig config) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    thread.setContextClassLoader(new ClassLoader(original) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        return name.equals("META-INF/services/" + EmbeddedEhr.Provider.class.getName())
            ? Collections.emptyEnumeration() : super.getResources(name);
      }
    });
    try {
      App.sandboxProvider(config);
    } finally {
      thread.setContextClassLoader(original);
    }
  }

  private static AppConfig config(String rest) throws ConfigException {
    return new ConfigLoader(Map.of(), Path.of("").toAbsolutePath()).parse("""
        {"publicBaseUrl": "http://localhost:8080/", "store": {"encryptionKey": "generate"}, %s}"""
        .formatted(rest));
  }
}
