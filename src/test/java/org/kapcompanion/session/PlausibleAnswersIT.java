package org.kapcompanion.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** The HAPI client with the plausibility check, over real HTTP: a believable answer passes, an impossible one fails. */
class PlausibleAnswersIT {

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @Test
  void successStatusWithAnOperationOutcomeFailsTheReadAndAMatchingSearchIsBelieved() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/fhir/metadata", exchange -> answer(exchange, "{\"resourceType\":\"CapabilityStatement\","
        + "\"status\":\"active\",\"kind\":\"instance\",\"fhirVersion\":\"4.0.1\",\"format\":[\"json\"]}"));
    server.createContext("/fhir/Patient/", exchange -> answer(exchange,
        "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"processing\"}]}"));
    server.createContext("/fhir/Observation", exchange -> answer(exchange, "{\"resourceType\":\"Bundle\","
        + "\"type\":\"searchset\",\"entry\":[{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\","
        + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"44261-6\"}]}},"
        + "\"search\":{\"mode\":\"match\"}}]}"));
    server.start();
    try {
      IGenericClient client = FHIR.newRestfulGenericClient(
          "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");
      client.registerInterceptor(new PlausibleAnswers(FHIR));

      assertThatThrownBy(() -> client.read().resource(Patient.class).withId("1").execute())
          .isInstanceOf(PlausibleAnswers.ImplausibleAnswerException.class);
      Bundle found = client.search().byUrl("Observation?code=http%3A%2F%2Floinc.org%7C44261-6")
          .returnBundle(Bundle.class).execute();
      assertThat(found.getEntry()).hasSize(1);
    } finally {
      server.stop(0);
    }
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws java.io.IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/fhir+json;charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
