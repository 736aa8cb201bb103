package org.kapcompanion.web;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets one session (the handle in {@code /s/{handle}/…}) have at most {@link #SHARE} requests in the app or waiting
 * for admission at once; more are answered 429 at once. So a session that holds its requests open (e.g. trickling
 * their bodies) cannot take the admission slots other users' pages need. Requests outside a session pass.
 */
final class SessionShare extends Handler.Wrapper {

  /** A small share of {@link WebServer#REQUESTS_AT_ONCE}: a page sends at most a few requests at once. */
  static final int SHARE = 8;
  private static final Pattern SESSION = Pattern.compile("^/s/([^/]+)");

  private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

  SessionShare(Handler handler) {
    super(handler);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Optional<String> session = sessionOf(request);
    if (session.isEmpty()) {
      return super.handle(request, response, callback);
    }
    String key = session.get();
    if (inFlight.merge(key, 1, Integer::sum) > SHARE) {
      release(key);
      response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
      Response.writeError(request, response, callback, 429);
      return true;
    }
    boolean handled = false;
    try {
      handled = super.handle(request, response, Callback.from(() -> release(key), callback));
      return handled;
    } finally {
      if (!handled) {
        release(key);
      }
    }
  }

  private void release(String key) {
    inFlight.computeIfPresent(key, (k, count) -> count == 1 ? null : count - 1);
  }

  private static Optional<String> sessionOf(Request request) {
    String path = request.getHttpURI().getPath();
    Matcher matcher = SESSION.matcher(path == null ? "" : path);
    if (!matcher.find()) {
      return Optional.empty();
    }
    String handle = matcher.group(1);
    return Optional.of(handle.length() > 64 ? handle.substring(0, 64) : handle);
  }
}
