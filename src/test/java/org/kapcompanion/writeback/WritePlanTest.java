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

  /** Oracle Health takes QuestionnaireResponse by update only: the entry is created by PUT at its own id. */
  @Test
  void typeCreatedByUpdateOnlyIsWrittenByUpdateAtTheEntrysId() throws IOException {
    CapabilityStatement statement = statement("capabilities-plain-create.json");
    CapabilityStatement.CapabilityStatementRestResourceComponent response = statement.getRestFirstRep()
        .addResource().setType("QuestionnaireResponse").setUpdateCreate(true);
    response.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.UPDATE);

    assertThat(WritePlan.choose(statement, "QuestionnaireResponse"))
        .contains(new WritePlan(WritePlan.Mode.UPDATE_AS_CREATE, true));
    response.setUpdateCreate(false);
    assertThat(WritePlan.choose(statement, "QuestionnaireResponse")).isEmpty();
  }

  static CapabilityStatement statement(String name) throws IOException {
    try (InputStream in = WritePlanTest.class.getResourceAsStream("/writeback/" + name)) {
      return SandboxFhir.FHIR.newJsonParser().parseResource(CapabilityStatement.class,
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
