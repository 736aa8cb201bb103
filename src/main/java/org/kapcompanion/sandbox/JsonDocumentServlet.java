package org.kapcompanion.sandbox;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Serves one JSON document fixed at start: a discovery document or the public JWK set. */
final class JsonDocumentServlet extends HttpServlet {

  private final String json;

  JsonDocumentServlet(String json) {
    this.json = json;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setContentType("application/json;charset=UTF-8");
    response.setHeader("Access-Control-Allow-Origin", "*");
    response.getWriter().write(json);
  }
}
