package org.kapcompanion.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kapcompanion.vocabulary.AdverseEventCode;

/** The protocol's {@code adverseEventResponses}: the shipped texts, a clinic's own text, and mistakes named. */
class AdverseEventResponsesTest {

  private static final String BASE = "{\"publicBaseUrl\": \"https://kap.example.org/\", \"tenants\": []}";

  @TempDir
  Path dir;

  private ConfigLoader loader;

  @BeforeEach
  void setUp() throws IOException {
    ShippedProtocol.copyInto(dir);
    loader = new ConfigLoader(Map.of(), dir);
  }

  private ClinicalProtocol protocolWith(String responses) throws Exception {
    Files.writeString(dir.resolve("config/clinical-protocol.json"),
        "{\"clinic\": {\"name\": \"Clinic\", \"phone\": \"1\"}, \"adverseEventResponses\": " + responses + "}");
    return loader.parse(BASE).protocol();
  }

  @Test
  void shippedProtocolWritesOutEveryDefaultResponse() throws Exception {
    ClinicalProtocol shipped = loader.parse(BASE).protocol();

    for (AdverseEventCode event : AdverseEventCode.values()) {
      assertThat(shipped.adverseEventResponse(event)).as(event.key()).isEqualTo(event.response());
    }
    assertThat(shipped.adverseEventResponses()).containsOnlyKeys(AdverseEventCode.HYPERTENSION,
        AdverseEventCode.OVERSEDATION, AdverseEventCode.AGITATION, AdverseEventCode.PANIC,
        AdverseEventCode.TACHYCARDIA, AdverseEventCode.EMERGENCE_REACTION, AdverseEventCode.ALLERGIC_REACTION,
        AdverseEventCode.FALL);
  }

  @Test
  void aClinicsResponseReplacesTheDefaultAndEventsLeftOutKeepTheirs() throws Exception {
    ClinicalProtocol protocol = protocolWith("""
        {"fall": "Do not lift; call the nurse in charge.", "nausea": "Offer ondansetron per standing order."}""");

    assertThat(protocol.adverseEventResponse(AdverseEventCode.FALL)).isEqualTo("Do not lift; call the nurse in charge.");
    assertThat(protocol.adverseEventResponse(AdverseEventCode.NAUSEA)).isEqualTo("Offer ondansetron per standing order.");
    assertThat(protocol.adverseEventResponse(AdverseEventCode.PANIC)).isEqualTo(AdverseEventCode.PANIC.response());
    assertThat(protocol.adverseEventResponse(AdverseEventCode.HEADACHE)).isEmpty();
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("an event the app does not know", "{\"seizure\": \"Call 911\"}",
            "protocol.adverseEventResponses.seizure: is not an adverse event — use one of [nausea, vomiting"),
        Arguments.of("an empty response", "{\"panic\": \"  \"}",
            "protocol.adverseEventResponses.panic: is empty — write what staff do when it occurs"),
        Arguments.of("a response that is not text", "{\"panic\": 5}",
            "protocol.adverseEventResponses.panic: must be a string"),
        Arguments.of("a response too long to show beside the event", "{\"fall\": \"" + "x".repeat(601) + "\"}",
            "protocol.adverseEventResponses.fall: is 601 characters long"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void aMistakeInAResponseStopsTheStartWithTheKeyNamed(String unused, String responses, String expected) {
    assertThatThrownBy(() -> protocolWith(responses)).isInstanceOfSatisfying(ConfigException.class,
        e -> assertThat(e.problems()).anySatisfy(problem -> assertThat(problem).startsWith(expected)));
  }
}
