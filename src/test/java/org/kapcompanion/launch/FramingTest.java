package org.kapcompanion.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Inside the EHR's frame or not, from the browser's Sec-Fetch-Dest; a browser that does not say means outside. */
class FramingTest {

  @Test
  void theBrowsersFetchDestinationTellsFrameFromWindowAndSilenceCountsAsAWindow() {
    assertThat(Framing.framed("iframe")).contains(true);
    assertThat(Framing.framed("frame")).contains(true);
    assertThat(Framing.framed("document")).contains(false);
    assertThat(Framing.framed("empty")).isEmpty();
    assertThat(Framing.framed((String) null)).isEmpty();
    assertThat(Framing.framed(" IFrame ")).isEqualTo(Optional.of(true));
  }
}
