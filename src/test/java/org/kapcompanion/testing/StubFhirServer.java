package org.kapcompanion.testing;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/**
 * A FHIR server on 127.0.0.1 that answers every request under {@code /fhir} with one status and body, for reads that
 * must tell a failed answer from an empty one; and a client of a port nobody listens on.
 */
public final class StubFhirServer implements AutoCloseable {

  /** A context whose clients, as the app's, do not read {@code metadata} before their first request. */
  public static final FhirContext FHIR = withoutConformanceCheck();

  private final HttpServer server;

  private StubFhirServer(HttpServer server) {
    this.server = server;
  }

  /** A server answering every request with {@code status} and the FHIR JSON {@code body}. */
  public static StubFhirServer answering(int status, String body) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/fhir/", exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return new StubFhirServer(server);
  }

  /** A client of this server. */
  public IGenericClient client() {
    return FHIR.newRestfulGenericClient("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir");
  }

  /** A client of a local port that refuses connections. */
  public static IGenericClient unreachableClient() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return FHIR.newRestfulGenericClient("http://127.0.0.1:" + socket.getLocalPort() + "/fhir");
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static FhirContext withoutConformanceCheck() {
    FhirContext fhir = FhirContext.forR4();
    fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    return fhir;
  }
}
