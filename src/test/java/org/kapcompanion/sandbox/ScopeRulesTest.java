package org.kapcompanion.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kapcompanion.sandbox.ScopeRules.Action.CREATE;
import static org.kapcompanion.sandbox.ScopeRules.Action.DELETE;
import static org.kapcompanion.sandbox.ScopeRules.Action.READ;
import static org.kapcompanion.sandbox.ScopeRules.Action.WRITE;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kapcompanion.sandbox.ScopeRules.Access;

class ScopeRulesTest {

  private static final Optional<String> ALEX = Optional.of("alex");

  @Test
  void patientReadAllReachesTheCompartmentAndSharedTypes() {
    Set<Access> accesses = ScopeRules.accesses(scopes("patient/*.read"), ALEX);

    assertThat(accesses).contains(new Access(READ, "*", "alex"));
    assertThat(accesses).contains(new Access(READ, "Practitioner", null), new Access(READ, "Medication", null));
    assertThat(accesses).allMatch(a -> a.action() == READ);
    assertThat(accesses).hasSize(1 + ScopeRules.SHARED_TYPES.size());
  }

  @Test
  void patientReadOfSharedTypeIsNotLimitedToTheCompartment() {
    assertThat(ScopeRules.accesses(scopes("patient/Practitioner.rs"), ALEX))
        .containsExactly(new Access(READ, "Practitioner", null));
  }

  @Test
  void patientWriteIsLimitedToTheCompartment() {
    assertThat(ScopeRules.accesses(scopes("patient/Observation.write"), ALEX))
        .containsExactlyInAnyOrder(
            new Access(CREATE, "Observation", "alex"),
            new Access(WRITE, "Observation", "alex"),
            new Access(DELETE, "Observation", "alex"));
  }

  @Test
  void v2CreateOnlyGivesCreate() {
    assertThat(ScopeRules.accesses(scopes("patient/Observation.c"), ALEX))
        .containsExactly(new Access(CREATE, "Observation", "alex"));
  }

  @Test
  void userScopesAreNotLimitedToAPatient() {
    assertThat(ScopeRules.accesses(scopes("user/Observation.cruds user/Patient.rs"), ALEX))
        .containsExactlyInAnyOrder(
            new Access(READ, "Observation", null),
            new Access(CREATE, "Observation", null),
            new Access(WRITE, "Observation", null),
            new Access(DELETE, "Observation", null),
            new Access(READ, "Patient", null));
  }

  @Test
  void patientScopesGiveNothingWithoutPatientContext() {
    assertThat(ScopeRules.accesses(scopes("patient/*.read"), Optional.empty())).isEmpty();
  }

  @Test
  void readByIdNeedsRAndSearchNeedsS() {
    List<SmartScope> readOnly = scopes("patient/Observation.r");
    List<SmartScope> searchOnly = scopes("patient/Observation.s");

    assertThat(ScopeRules.permitsInteraction(readOnly, "Observation", RestOperationTypeEnum.READ)).isTrue();
    assertThat(ScopeRules.permitsInteraction(readOnly, "Observation", RestOperationTypeEnum.SEARCH_TYPE)).isFalse();
    assertThat(ScopeRules.permitsInteraction(searchOnly, "Observation", RestOperationTypeEnum.SEARCH_TYPE)).isTrue();
    assertThat(ScopeRules.permitsInteraction(searchOnly, "Observation", RestOperationTypeEnum.VREAD)).isFalse();
    assertThat(ScopeRules.permitsInteraction(readOnly, "Condition", RestOperationTypeEnum.READ)).isFalse();
    assertThat(ScopeRules.permitsInteraction(readOnly, "Observation", RestOperationTypeEnum.CREATE)).isTrue();
  }

  @Test
  void rulesAllowMetadataAndTransactionsAndEndWithDenyAll() {
    List<IAuthRule> rules = ScopeRules.rules(Set.of(new Access(WRITE, "Observation", "alex")));

    assertThat(rules.get(0).toString()).contains("op=METADATA");
    assertThat(rules.get(1).toString()).contains("op=TRANSACTION");
    assertThat(rules.get(2).toString())
        .contains("op=WRITE")
        .contains("appliesToTypes=[Observation]")
        .contains("classifierCompartmentOwners=[Patient/alex]");
    assertThat(rules.get(rules.size() - 1).toString()).contains("op=ALL");
  }

  @Test
  void eachAccessBecomesItsOwnOperationRule() {
    List<IAuthRule> rules =
        ScopeRules.rules(Set.of(new Access(CREATE, "*", null), new Access(WRITE, "*", null)));

    assertThat(rules).map(Object::toString).anyMatch(r -> r.contains("op=CREATE"));
    assertThat(rules).map(Object::toString).anyMatch(r -> r.contains("op=WRITE"));
  }

  private static List<SmartScope> scopes(String scopes) {
    return Arrays.stream(scopes.split(" ")).map(s -> SmartScope.parse(s).orElseThrow()).toList();
  }
}
