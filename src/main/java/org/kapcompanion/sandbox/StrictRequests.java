package org.kapcompanion.sandbox;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The request rules of the strict persona that sit in front of every sandbox endpoint, as a gateway in front of a
 * real EHR does: a request carrying HTTP/2 cleartext upgrade headers ({@code Upgrade: h2c}, {@code HTTP2-Settings},
 * RFC 7540 §3.2) is refused with 400, as Jetty behind a proxy refuses it; and a FHIR query value holding an
 * unencoded {@code //} is refused with 400, because intermediaries collapse it into {@code /} and the search then
 * silently finds nothing (values must be percent-encoded, RFC 3986 §3.4 and §2.1).
 */
final class StrictRequests extends HttpFilter {

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Optional<String> refused = refusal(request);
    if (refused.isPresent()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("application/fhir+json");
      response.getOutputStream().write(outcome(refused.get()).getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(request, response);
  }

  static Optional<String> refusal(HttpServletRequest request) {
    String upgrade = request.getHeader("Upgrade");
    if ((upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("h2c"))
        || request.getHeader("HTTP2-Settings") != null) {
      return Optional.of("Invalid h2c upgrade headers: this server speaks HTTP/1.1 only");
    }
    String query = request.getQueryString();
    if (request.getRequestURI().startsWith("/fhir/") && query != null && unencodedDoubleSlash(query)) {
      return Optional.of("A query value holds an unencoded '//', which intermediaries collapse: percent-encode "
          + "'/' in query values (RFC 3986)");
    }
    return Optional.empty();
  }

  private static boolean unencodedDoubleSlash(String rawQuery) {
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      if (equals >= 0 && pair.substring(equals + 1).contains("//")) {
        return true;
      }
    }
    return false;
  }

  private static String outcome(String diagnostics) {
    return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"invalid\","
        + "\"diagnostics\":\"" + diagnostics.replace("\"", "\\\"") + "\"}]}";
  }
}
