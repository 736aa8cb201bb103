package org.kapcompanion.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AccessLineTest {

  @Test
  void readsARequestThatCalledTheEhr() {
    String line = "10:01:02.345 INFO  [0123456789abcdef] access - GET /s/* 200 84.2 ms, queued 0.4 ms, CPU 20.1 ms, "
        + "EHR 10 calls in 1 rounds 61.0 ms";

    assertThat(AccessLine.parse(line)).contains(
        new AccessLine("0123456789abcdef", "GET", "/s/*", 200, 84.2, 0.4, 20.1, 10, 1, 61.0));
    assertThat(AccessLine.parse(line).orElseThrow().ownMillis()).isCloseTo(23.2, within(1e-9));
  }

  @Test
  void readsARequestWithoutEhrCalls() {
    assertThat(AccessLine.parse(
        "10:01:02.345 INFO  [0123456789abcdef] access - POST /s/* 200 6.5 ms, queued 0.2 ms, CPU 5.9 ms"))
        .contains(new AccessLine("0123456789abcdef", "POST", "/s/*", 200, 6.5, 0.2, 5.9, 0, 0, 0));
  }

  @Test
  void ignoresOtherLogLines() {
    assertThat(AccessLine.parse("10:01:02.345 INFO  [-] App - KAP Companion listening on 127.0.0.1:8080")).isEmpty();
  }
}
