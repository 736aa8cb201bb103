package org.kapcompanion.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * A request whose parameters keep to {@link InputRule}: the query string is checked as the request arrives, form
 * fields when the app first asks for a parameter (so a body is read only once the session and CSRF checks have let the
 * request through). A breach, a malformed or oversized body becomes a {@link RefusedRequest}.
 */
final class CheckedRequest extends HttpServletRequestWrapper {

  /** At most this many fields in a query string or a form (Jetty's {@code maxFormKeys} for forms). */
  static final int MOST_FIELDS = 1_000;
  /** The largest form body, in bytes (Jetty's {@code maxFormContentSize}). */
  static final int LARGEST_FORM = 1_000_000;

  private final Predicate<String> multiLine;
  private Map<String, String[]> parameters;

  private CheckedRequest(HttpServletRequest request, Predicate<String> multiLine) {
    super(request);
    this.multiLine = multiLine;
  }

  /**
   * The request with its query string checked.
   *
   * @param multiLine the form fields that are free text, where TAB, LF and CR are kept
   */
  static CheckedRequest of(HttpServletRequest request, Predicate<String> multiLine) {
    String query = request.getQueryString();
    if (query != null) {
      checkQuery(query);
    }
    return new CheckedRequest(request, multiLine);
  }

  private static void checkQuery(String query) {
    int[] fields = {0};
    try {
      UrlEncoded.decodeUtf8To(query, 0, query.length(), (name, value) -> {
        if (++fields[0] > MOST_FIELDS) {
          throw RefusedRequest.malformed("The address holds more than " + MOST_FIELDS + " parameters.");
        }
        check(name, value, false);
      });
    } catch (IllegalArgumentException e) {
      throw RefusedRequest.malformed("The address could not be read: it holds a malformed %-escape or text that is "
          + "not UTF-8. Open KAP Companion again from the EHR.");
    }
  }

  private static void check(String name, String value, boolean multiLine) {
    InputRule.breach(name, false, InputRule.LONGEST_NAME).ifPresent(breach -> {
      throw RefusedRequest.malformed("A field name " + breach + ".");
    });
    InputRule.breach(value, multiLine, InputRule.LONGEST_VALUE).ifPresent(breach -> {
      throw RefusedRequest.field(name, breach);
    });
  }

  @Override
  public String getParameter(String name) {
    String[] values = parameters().get(name);
    return values == null || values.length == 0 ? null : values[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return parameters();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters().keySet());
  }

  @Override
  public String[] getParameterValues(String name) {
    String[] values = parameters().get(name);
    return values == null ? null : values.clone();
  }

  private Map<String, String[]> parameters() {
    if (parameters == null) {
      BodyType.FORM.requireReadable(this);
      Map<String, String[]> read = read();
      read.forEach((name, values) -> {
        for (String value : values) {
          check(name, value, multiLine.test(name));
        }
      });
      parameters = Collections.unmodifiableMap(read);
    }
    return parameters;
  }

  /** Jetty's parse of the query and form body, its failures turned into refusals that say what to do. */
  private Map<String, String[]> read() {
    try {
      return super.getParameterMap();
    } catch (RuntimeException e) {
      if (!(e instanceof HttpException) && !(e instanceof IllegalStateException)
          && !(e instanceof IllegalArgumentException)) {
        throw e;
      }
      throw RefusedRequest.unreadableBody(e);
    }
  }
}
