package org.kapcompanion.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.kapcompanion.testing.StubFhirServer;

/**
 * The saved responses a reopened form starts from, read over real HTTP: an EHR that cannot answer is "could not be
 * read" (the pages then say so), never "nothing saved yet".
 */
class FormResponsesIT {

  @Test
  void anEhrThatCannotBeReachedOrFailsIsUnreadNotEmpty() throws IOException {
    assertThat(FormResponses.fromEhr(StubFhirServer.unreachableClient(), "kap-pt-01")).isEmpty();
    try (StubFhirServer failing = StubFhirServer.answering(503, "{\"resourceType\":\"OperationOutcome\"}")) {
      assertThat(FormResponses.fromEhr(failing.client(), "kap-pt-01")).isEmpty();
    }
  }

  @Test
  void anEmptySearchIsReadAndHoldsNothing() throws IOException {
    try (StubFhirServer empty = StubFhirServer.answering(200,
        "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}")) {
      assertThat(FormResponses.fromEhr(empty.client(), "kap-pt-01")).hasValueSatisfying(
          responses -> assertThat(responses).isEmpty());
    }
  }
}
