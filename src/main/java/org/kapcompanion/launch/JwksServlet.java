package org.kapcompanion.launch;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /.well-known/jwks.json}: the app's public signing keys, for EHRs that verify its client assertions. */
final class JwksServlet extends HttpServlet {

  private final AppKeys keys;

  JwksServlet(AppKeys keys) {
    this.keys = keys;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setContentType("application/jwk-set+json");
    response.setHeader("Cache-Control", "public, max-age=300");
    response.getOutputStream().write(keys.publicJwks().getBytes(StandardCharsets.UTF_8));
  }
}
