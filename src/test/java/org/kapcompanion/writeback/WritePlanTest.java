package org.kapcompanion.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;

/** The write strategy chosen from a server's CapabilityStatement. */
class WritePlanTest {

  @Test
  void serverWithTransactionsAndConditionalCreateGetsOneTransaction() throws IOException {
    assertThat(WritePlan.choose(statement("capabilities-transaction.json"), "Observation"))
        .contains(new WritePlan(WritePlan.Mode.TRANSACTION, true));
  }

  @Test
  void serverWithoutTransactionsGetsIndividualConditionalCreates() throws IOException {
    assertThat(WritePlan.choose(statement("capabilities-conditional-create.json"), "Observation"))
        .contains(new WritePlan(WritePlan.Mode.CONDITIONAL_CREATE, true));
  }

  @Test
  void serverWithoutConditionalCreateIsSearchedBeforeEachCreate() throws IOException {
    assertThat(WritePlan.choose(statement("capabilities-plain-create.json"), "Observation"))
        .contains(new WritePlan(WritePlan.Mode.SEARCH_THEN_CREATE, true));
  }

  @Test
  void provenanceIsSkippedWhereTheServerDoesNotTakeIt() throws IOException {
    assertThat(WritePlan.choose(statement("capabilities-no-provenance.json"), "Observation"))
        .contains(new WritePlan(WritePlan.Mode.TRANSACTION, false));
  }

  @Test
  void typeTheServerCannotCreateHasNoPlan() throws IOException {
    assertThat(WritePlan.choose(statement("capabilities-read-only-observation.json"), "Observation")).isEmpty();
    assertThat(WritePlan.choose(statement("capabilities-transaction.json"), "CarePlan")).isEmpty();
  }

  static CapabilityStatement statement(String name) throws IOException {
    try (InputStream in = WritePlanTest.class.getResourceAsStream("/writeback/" + name)) {
      return SandboxFhir.FHIR.newJsonParser().parseResource(CapabilityStatement.class,
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
