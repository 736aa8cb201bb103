package org.kapcompanion.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kapcompanion.sandbox.SmartScope.Permission.CREATE;
import static org.kapcompanion.sandbox.SmartScope.Permission.DELETE;
import static org.kapcompanion.sandbox.SmartScope.Permission.READ;
import static org.kapcompanion.sandbox.SmartScope.Permission.SEARCH;
import static org.kapcompanion.sandbox.SmartScope.Permission.UPDATE;

import org.junit.jupiter.api.Test;
import org.kapcompanion.sandbox.SmartScope.Level;

class SmartScopeTest {

  @Test
  void v1ReadMeansReadAndSearch() {
    SmartScope scope = SmartScope.parse("patient/*.read").orElseThrow();

    assertThat(scope.level()).isEqualTo(Level.PATIENT);
    assertThat(scope.resourceType()).isEqualTo("*");
    assertThat(scope.permissions()).containsExactlyInAnyOrder(READ, SEARCH);
  }

  @Test
  void v1WriteMeansCreateUpdateDelete() {
    assertThat(SmartScope.parse("patient/Observation.write").orElseThrow().permissions())
        .containsExactlyInAnyOrder(CREATE, UPDATE, DELETE);
  }

  @Test
  void v1StarMeansEverything() {
    SmartScope scope = SmartScope.parse("user/*.*").orElseThrow();

    assertThat(scope.level()).isEqualTo(Level.USER);
    assertThat(scope.permissions()).containsExactlyInAnyOrder(CREATE, READ, UPDATE, DELETE, SEARCH);
  }

  @Test
  void v2LettersMapToPermissions() {
    assertThat(SmartScope.parse("patient/Observation.rs").orElseThrow().permissions())
        .containsExactlyInAnyOrder(READ, SEARCH);
    assertThat(SmartScope.parse("patient/Observation.cu").orElseThrow().permissions())
        .containsExactlyInAnyOrder(CREATE, UPDATE);
    assertThat(SmartScope.parse("user/*.cruds").orElseThrow().permissions()).hasSize(5);
  }

  @Test
  void v2QuerySuffixIsAcceptedAndIgnored() {
    SmartScope scope = SmartScope.parse("patient/Observation.rs?category=vital-signs").orElseThrow();

    assertThat(scope.resourceType()).isEqualTo("Observation");
    assertThat(scope.permissions()).containsExactlyInAnyOrder(READ, SEARCH);
  }

  @Test
  void rejectsLettersOutOfOrderRepeatedOrUnknown() {
    assertThat(SmartScope.parse("patient/Observation.sr")).isEmpty();
    assertThat(SmartScope.parse("patient/Observation.rr")).isEmpty();
    assertThat(SmartScope.parse("patient/Observation.rx")).isEmpty();
    assertThat(SmartScope.parse("patient/Observation.read?category=x")).isEmpty();
  }

  @Test
  void nonClinicalScopesAreNotClinicalScopes() {
    assertThat(SmartScope.parse("openid")).isEmpty();
    assertThat(SmartScope.parse("launch/patient")).isEmpty();
    assertThat(SmartScope.parse("offline_access")).isEmpty();
    assertThat(SmartScope.parse("patient/observation.read")).isEmpty();
  }

  @Test
  void coversItsTypeOrEveryTypeForStar() {
    assertThat(SmartScope.parse("patient/Observation.rs").orElseThrow().covers("Observation")).isTrue();
    assertThat(SmartScope.parse("patient/Observation.rs").orElseThrow().covers("Condition")).isFalse();
    assertThat(SmartScope.parse("patient/*.rs").orElseThrow().covers("Condition")).isTrue();
  }
}
