package org.kapcompanion.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * The CSRF check of a state-changing request: the token from the {@value #HEADER} header (the pages' scripts and
 * htmx send it), which needs no body to be read; from the {@value #FIELD} form field only for a plain form post; never
 * from the query string, where it would end up in logs and browser history.
 */
public final class Csrf {

  public static final String HEADER = "X-CSRF-Token";
  public static final String FIELD = "csrf";

  private Csrf() {}

  /** Whether the request carries {@code expected}, by the rule above. */
  public static boolean sentWith(HttpServletRequest request, String expected) {
    String header = request.getHeader(HEADER);
    if (header != null) {
      return same(header, expected);
    }
    if (!BodyType.FORM.isSentBy(request) || inQuery(request)) {
      return false;
    }
    String[] values = request.getParameterValues(FIELD);
    return values != null && values.length == 1 && same(values[0], expected);
  }

  private static boolean inQuery(HttpServletRequest request) {
    String query = request.getQueryString();
    return query != null && UrlEncoded.decodeQuery(query).containsKey(FIELD);
  }

  private static boolean same(String sent, String expected) {
    return MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
