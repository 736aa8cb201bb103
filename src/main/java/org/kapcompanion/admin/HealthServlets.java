package org.kapcompanion.admin;

import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The readiness probe a load balancer or orchestrator polls ({@code /ready}); liveness ({@code /health}) is a fixed
 * document.
 */
final class HealthServlets {

  private HealthServlets() {}

  /**
   * {@code GET /ready}: 200 once every readiness probe passes, 503 until then with each failing probe named and why
   * (e.g. {@code "delivery":"not ready: 3 entries due, no delivery progress for 6 min"}).
   */
  static final class Ready extends HttpServlet {

    private final Readiness readiness;

    Ready(Readiness readiness) {
      this.readiness = readiness;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      Map<String, Optional<String>> results = readiness.evaluate();
      boolean ready = results.values().stream().allMatch(Optional::isEmpty);
      JsonObject checks = new JsonObject();
      results.forEach((name, problem) -> checks.addProperty(name, problem.orElse("ok")));
      JsonObject body = new JsonObject();
      body.addProperty("status", ready ? "ready" : "not ready");
      body.add("checks", checks);
      response.setStatus(ready ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.setContentType("application/json");
      response.setHeader("Cache-Control", "no-store");
      response.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
    }
  }
}
