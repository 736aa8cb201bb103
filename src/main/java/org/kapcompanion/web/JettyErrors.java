package org.kapcompanion.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers, made before a request reaches the app (a malformed request line, an address or headers
 * too long, a method the app does not serve, a session over its share, a full server): the app's plain error page or
 * JSON error with the app's security headers, for every method, and nothing of Jetty's own page.
 */
final class JettyErrors extends ErrorHandler {

  private final Templates templates;
  private final SecurityHeaders headers;

  JettyErrors(Templates templates, SecurityHeaders headers) {
    this.templates = templates;
    this.headers = headers;
    setShowStacks(false);
  }

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) throws IOException {
    HttpFields.Mutable fields = response.getHeaders();
    headers.errorPage(fields);
    if (code == 405) {
      fields.put(HttpHeader.ALLOW, WebServer.METHODS);
    }
    ErrorAnswers.Words words = ErrorAnswers.words(code);
    HttpFields sent = request.getHeaders();
    byte[] body;
    if (ErrorAnswers.wantsJson(sent.get(HttpHeader.ACCEPT), sent.get(HttpHeader.CONTENT_TYPE),
        sent.contains("HX-Request"))) {
      body = JsonAnswer.bytes(ErrorAnswers.json(words.advice(), Optional.empty()));
      fields.put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
    } else {
      body = templates.errorPage(words.title(), words.advice(), RequestBoundary.NO_REQUEST_ID);
      fields.put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
    }
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
