package org.kapcompanion.writeback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.hl7.fhir.r4.model.CapabilityStatement;

/**
 * An HTTP proxy on 127.0.0.1 in front of the sandbox FHIR server that injects faults at random: 500s before and after
 * the request reached the server, 429 with Retry-After, answers slower than the client waits, connections dropped
 * mid-answer, and outages during which nothing listens (a server restart). It can also make the server say it takes
 * less than it does, by rewriting its CapabilityStatement.
 */
final class FaultProxy implements AutoCloseable {

  enum Fault { NONE, ERROR_BEFORE, ERROR_AFTER, TOO_MANY, TIMEOUT_AFTER, DROP_AFTER }

  private final URI target;
  private final Random random;
  private final double faultRate;
  private final Duration slowAnswer;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<Fault, AtomicLong> counts = new ConcurrentHashMap<>();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong outages = new AtomicLong();
  private final int port;
  private volatile HttpServer server;
  private volatile UnaryOperator<CapabilityStatement> capabilities = UnaryOperator.identity();

  /** Proxies to {@code target} (scheme, host and port; paths pass through) with {@code faultRate} of requests hit. */
  FaultProxy(URI target, long seed, double faultRate, Duration slowAnswer) throws IOException {
    this.target = target;
    this.random = new Random(seed);
    this.faultRate = faultRate;
    this.slowAnswer = slowAnswer;
    this.server = listen(0);
    this.port = server.getAddress().getPort();
  }

  private HttpServer listen(int onPort) throws IOException {
    HttpServer created = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 64);
    created.createContext("/", this::handle);
    created.setExecutor(Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "fault-proxy");
      thread.setDaemon(true);
      return thread;
    }));
    created.start();
    return created;
  }

  URI base(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Simulates a server restart: nothing listens on the port for {@code outage}, then the proxy is back. */
  void outage(Duration outage) throws IOException, InterruptedException {
    server.stop(0);
    outages.incrementAndGet();
    Thread.sleep(outage.toMillis());
    server = listen(port);
  }

  /** Answers {@code /metadata} with the server's CapabilityStatement changed by {@code change}, e.g. to say less. */
  void rewriteCapabilities(UnaryOperator<CapabilityStatement> change) {
    this.capabilities = change;
  }

  long count(Fault fault) {
    return counts.getOrDefault(fault, new AtomicLong()).get();
  }

  long outages() {
    return outages.get();
  }

  /** POSTs that reached the proxy (every attempt to write). */
  long writes() {
    return writes.get();
  }

  private Fault pick() {
    synchronized (random) {
      if (random.nextDouble() >= faultRate) {
        return Fault.NONE;
      }
      List<Fault> faults = List.of(Fault.ERROR_BEFORE, Fault.ERROR_AFTER, Fault.TOO_MANY, Fault.TIMEOUT_AFTER,
          Fault.DROP_AFTER);
      return faults.get(random.nextInt(faults.size()));
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if ("POST".equals(exchange.getRequestMethod())) {
        writes.incrementAndGet();
      }
      Fault fault = pick();
      counts.computeIfAbsent(fault, f -> new AtomicLong()).incrementAndGet();
      if (fault == Fault.ERROR_BEFORE) {
        answer(exchange, 500, Map.of(), "{\"resourceType\":\"OperationOutcome\"}".getBytes());
        return;
      }
      if (fault == Fault.TOO_MANY) {
        answer(exchange, 429, Map.of("Retry-After", "1"), new byte[0]);
        return;
      }
      HttpResponse<byte[]> response = forward(exchange, body);
      switch (fault) {
        case ERROR_AFTER -> answer(exchange, 502, Map.of(), new byte[0]);
        case TIMEOUT_AFTER -> {
          Thread.sleep(slowAnswer.toMillis());
          relay(exchange, response);
        }
        case DROP_AFTER -> {
          exchange.sendResponseHeaders(response.statusCode(), response.body().length + 100L);
          exchange.getResponseBody().write(response.body(), 0, Math.min(10, response.body().length));
        }
        default -> {
          if (exchange.getRequestURI().getPath().endsWith("/metadata")) {
            answer(exchange, response.statusCode(), Map.of("Content-Type", "application/fhir+json"),
                rewritten(response.body()));
          } else {
            relay(exchange, response);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away (it timed out): nothing to answer
    }
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
        .timeout(Duration.ofSeconds(30))
        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : List.of("Authorization", "Content-Type", "Accept", "If-None-Exist", "Prefer",
        "Cache-Control")) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private byte[] rewritten(byte[] metadata) {
    IParser parser = SandboxFhir.FHIR.newJsonParser();
    CapabilityStatement changed = capabilities.apply(parser.parseResource(CapabilityStatement.class,
        new String(metadata, StandardCharsets.UTF_8)));
    return parser.encodeResourceToString(changed).getBytes(StandardCharsets.UTF_8);
  }

  private static void relay(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
    Map<String, String> headers = new java.util.HashMap<>();
    response.headers().firstValue("Location").ifPresent(v -> headers.put("Location", v));
    response.headers().firstValue("Content-Type").ifPresent(v -> headers.put("Content-Type", v));
    answer(exchange, response.statusCode(), headers, response.body());
  }

  private static void answer(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
      throws IOException {
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
