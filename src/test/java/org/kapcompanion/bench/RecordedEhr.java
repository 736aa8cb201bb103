package org.kapcompanion.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An EHR that costs next to nothing, for capacity runs that measure the app: in front of the sandbox EHR at the same
 * port on another loopback address, it answers a FHIR read with the sandbox's recorded answer (asked once per URL),
 * acknowledges every FHIR write itself without storing it, and passes everything else (discovery, authorization,
 * token) to the sandbox. Each FHIR answer waits a fixed latency first, to model a remote EHR.
 */
final class RecordedEhr implements AutoCloseable {

  private static final String FHIR_JSON = "application/fhir+json;charset=utf-8";
  /** Not passed on; {@code accept-encoding} too, since a recorded answer is replayed without its encoding header. */
  private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "transfer-encoding",
      "upgrade", "expect", "keep-alive", "http2-settings", "date", "via", "from", "warning", "accept-encoding",
      "content-encoding");

  /** A recorded answer; {@code location} empty unless a create answered it. */
  private record Answer(int status, String contentType, String location, byte[] body) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  private final URI sandbox;
  private final Duration latency;
  private final Map<String, Answer> recorded = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong forwarded = new AtomicLong();

  private RecordedEhr(HttpServer server, URI sandbox, Duration latency) {
    this.server = server;
    this.sandbox = sandbox;
    this.latency = latency;
  }

  /**
   * Listens on {@code address} at the sandbox's port; reads the sandbox at {@code sandboxOrigin}
   * ({@code http://127.0.0.1:port}).
   */
  static RecordedEhr start(String address, URI sandboxOrigin, Duration latency) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, sandboxOrigin.getPort()), 1024);
    RecordedEhr ehr = new RecordedEhr(server, sandboxOrigin, latency);
    server.createContext("/", ehr::handle);
    server.setExecutor(ehr.threads);
    server.start();
    return ehr;
  }

  /** How many requests went to the sandbox (first reads of a URL and everything outside FHIR). */
  long forwarded() {
    return forwarded.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      URI uri = exchange.getRequestURI();
      boolean fhir = uri.getRawPath().startsWith("/fhir");
      if (fhir && !uri.getRawPath().contains("/.well-known/")) {
        Thread.sleep(latency.toMillis());
      }
      Answer answer;
      if (!fhir) {
        answer = forward(exchange);
      } else if (method.equals("GET")) {
        answer = recorded.get(uri.toString());
        if (answer == null) {
          answer = forward(exchange);
          if (answer.status() == 200) {
            recorded.put(uri.toString(), answer);
          }
        }
      } else {
        answer = acknowledge(method, uri, exchange.getRequestBody().readAllBytes());
      }
      if (answer.status() >= 500) {
        System.out.println("recorded EHR: " + method + " " + uri + " answered " + answer.status() + ": "
            + new String(answer.body(), StandardCharsets.UTF_8).lines().findFirst().orElse(""));
      }
      reply(exchange, answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      System.out.println("recorded EHR: " + exchange.getRequestURI() + " failed: " + e);
      throw e;
    }
  }

  /** A write answered as the sandbox would, without storing it: 201 with the new id, or a transaction-response. */
  private Answer acknowledge(String method, URI uri, byte[] body) {
    String[] path = uri.getRawPath().replaceFirst("^/fhir/?", "").split("/");
    if (path[0].isEmpty() && method.equals("POST")) {
      return json(201, transactionResponse(JsonParser.parseString(new String(body, StandardCharsets.UTF_8))));
    }
    String type = path[0];
    String id = path.length > 1 ? path[1] : "rec-" + ids.incrementAndGet();
    JsonObject outcome = new JsonObject();
    outcome.addProperty("resourceType", "OperationOutcome");
    return new Answer(201, FHIR_JSON, type + "/" + id + "/_history/1", outcome.toString().getBytes(StandardCharsets.UTF_8));
  }

  private JsonObject transactionResponse(JsonElement request) {
    JsonObject response = new JsonObject();
    response.addProperty("resourceType", "Bundle");
    response.addProperty("id", UUID.randomUUID().toString());
    response.addProperty("type", "transaction-response");
    JsonArray entries = new JsonArray();
    for (JsonElement entry : request.getAsJsonObject().getAsJsonArray("entry")) {
      JsonObject asked = entry.getAsJsonObject().getAsJsonObject("request");
      String url = asked.get("url").getAsString();
      String location = asked.get("method").getAsString().equals("PUT") ? url
          : url.replaceAll("\\?.*", "") + "/rec-" + ids.incrementAndGet();
      JsonObject answered = new JsonObject();
      answered.addProperty("status", "201 Created");
      answered.addProperty("location", location + "/_history/1");
      answered.addProperty("lastModified", Instant.now().toString());
      JsonObject wrapped = new JsonObject();
      wrapped.add("response", answered);
      entries.add(wrapped);
    }
    response.add("entry", entries);
    return response;
  }

  private static Answer json(int status, JsonObject body) {
    return new Answer(status, FHIR_JSON, "", body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private Answer forward(HttpExchange exchange) throws IOException, InterruptedException {
    forwarded.incrementAndGet();
    HttpRequest.Builder request = HttpRequest.newBuilder(sandbox.resolve(exchange.getRequestURI().toString()))
        .timeout(Duration.ofSeconds(30))
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(
            exchange.getRequestBody().readAllBytes()));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_HEADERS.contains(name.toLowerCase())) {
        values.forEach(value -> request.header(name, value));
      }
    });
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    response.headers().map().forEach((name, values) -> {
      if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.equalsIgnoreCase("content-type") && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, List.copyOf(values));
      }
    });
    return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), "",
        response.body());
  }

  private static void reply(HttpExchange exchange, Answer answer) throws IOException {
    if (!answer.location().isEmpty()) {
      exchange.getResponseHeaders().set("Location", answer.location());
    }
    if (!answer.contentType().isEmpty()) {
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    }
    exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer.body());
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
