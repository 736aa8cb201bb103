package org.kapcompanion.gates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A supervisor co-signs a session only once it is finished. */
class CosignGateTest {

  @ParameterizedTest(name = "finished {0}, discharge recorded {1}: open {2}")
  @CsvSource({
      "false, false, false, Session still running",
      "false, true,  false, Session still running",
      "true,  false, true,  No discharge checklist",
      "true,  true,  true,  ''",
  })
  void onlyAFinishedSessionMayBeCoSigned(boolean finished, boolean discharge, boolean open, String title) {
    GateDecision decision = CosignGate.decide(finished, discharge);

    assertThat(decision.open()).isEqualTo(open);
    assertThat(decision.findings().stream().map(Finding::title).findFirst().orElse("")).isEqualTo(title);
  }
}
