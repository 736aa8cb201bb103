package org.kapcompanion.sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What the sandbox answers while its FHIR server boots: 503 with a page saying "EHR starting…" that reloads itself,
 * so a browser opened early waits on a page instead of a hanging connection.
 */
final class StartingPage extends Handler.Abstract.NonBlocking {

  static final String HEADING = "EHR starting…";
  private static final byte[] PAGE = ("""
      <!DOCTYPE html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="refresh" content="3">
        <title>EHR starting… · Sandbox EHR</title>
      </head>
      <body>
      <main>
        <h1>EHR starting…</h1>
        <p>The sandbox's FHIR server is starting: the first start creates its database and loads the synthetic
        patients. This page reloads by itself every 3 seconds and shows the launcher once the EHR is ready.</p>
      </main>
      </body>
      </html>
      """).getBytes(StandardCharsets.UTF_8);

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    response.setStatus(503);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
    response.getHeaders().put(HttpHeader.RETRY_AFTER, "3");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'; base-uri 'none'");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.write(true, ByteBuffer.wrap(PAGE), callback);
    return true;
  }
}
