package org.kapcompanion.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SmartDiscoveryTest {

  @Test
  void parsesTheSmartConfiguration() throws Exception {
    SmartConfiguration config = SmartDiscovery.parse("""
        {"issuer": "https://ehr/auth", "jwks_uri": "https://ehr/auth/jwks",
         "authorization_endpoint": "https://ehr/auth/authorize", "token_endpoint": "https://ehr/auth/token",
         "capabilities": ["launch-ehr", "permission-v2"], "code_challenge_methods_supported": ["S256"]}""");
    assertThat(config.authorizationEndpoint()).isEqualTo(URI.create("https://ehr/auth/authorize"));
    assertThat(config.supportsV2Scopes()).isTrue();
    assertThat(config.offersPkceS256()).isTrue();
    assertThat(config.issuer()).contains(URI.create("https://ehr/auth"));
  }

  @Test
  void rejectsAConfigurationWithoutEndpoints() {
    assertThatThrownBy(() -> SmartDiscovery.parse("{\"capabilities\": []}"))
        .isInstanceOfSatisfying(LaunchException.class, e -> assertThat(e.error()).isEqualTo(LaunchError.EHR_UNREACHABLE));
    assertThatThrownBy(() -> SmartDiscovery.parse("<html>"))
        .isInstanceOf(LaunchException.class);
  }

  @Test
  void wellKnownUrlIsBelowTheFhirBase() {
    assertThat(SmartDiscovery.wellKnown(URI.create("https://ehr/fhir/R4")))
        .isEqualTo(URI.create("https://ehr/fhir/R4/.well-known/smart-configuration"));
    assertThat(SmartDiscovery.wellKnown(URI.create("https://ehr/fhir/R4/")))
        .isEqualTo(URI.create("https://ehr/fhir/R4/.well-known/smart-configuration"));
  }
}
