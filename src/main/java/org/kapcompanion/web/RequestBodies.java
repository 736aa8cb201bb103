package org.kapcompanion.web;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.NanoTime;

/**
 * What the app does about request bodies. It bounds the time a body may take to arrive once the app works on it: while
 * the app waits for more of the body, the connection's idle timeout is cut to what is left of the deadline, so a body
 * trickled in byte by byte fails (as Jetty's idle timeout: the read fails, the app answers 408) instead of holding its
 * admission slot. And an answer that goes out before its request's body was read says {@code Connection: close}:
 * Jetty closes such a connection afterwards, and a client told nothing would send its next request on it.
 */
final class RequestBodies extends Handler.Wrapper {

  private final Duration limit;

  RequestBodies(Handler handler, Duration limit) {
    super(handler);
    this.limit = limit;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    boolean body = request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    if (!body) {
      return super.handle(request, response, callback);
    }
    Bounded bounded = new Bounded(request, NanoTime.now() + limit.toNanos());
    return super.handle(bounded, new ClosingUnlessRead(response, bounded), Callback.from(bounded::restore, callback));
  }

  /** The response that, when it commits before its request's body was read to the end, closes its connection. */
  private static final class ClosingUnlessRead extends Response.Wrapper {

    private final Bounded request;

    ClosingUnlessRead(Response response, Bounded request) {
      super(request, response);
      this.request = request;
    }

    @Override
    public void write(boolean last, ByteBuffer content, Callback callback) {
      if (!isCommitted() && !request.bodyRead()) {
        getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
      }
      super.write(last, content, callback);
    }
  }

  /** The request whose reads of its body must end by {@code deadline} ({@link NanoTime}). */
  private static final class Bounded extends Request.Wrapper {

    private final EndPoint endPoint;
    private final Connector connector;
    private final long normal;
    private final long deadline;
    private volatile boolean bodyRead;

    Bounded(Request request, long deadline) {
      super(request);
      this.endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
      this.connector = request.getConnectionMetaData().getConnector();
      this.normal = endPoint.getIdleTimeout();
      this.deadline = deadline;
    }

    @Override
    public void demand(Runnable onContent) {
      long left = NanoTime.millisUntil(deadline);
      setIdleTimeout(Math.max(1, normal > 0 ? Math.min(normal, left) : left));
      super.demand(onContent);
    }

    @Override
    public Content.Chunk read() {
      Content.Chunk chunk = super.read();
      if (chunk != null && chunk.isLast()) {
        bodyRead = true;
        restore();
      }
      return chunk;
    }

    /** Whether the body was read to its end. */
    boolean bodyRead() {
      return bodyRead;
    }

    void restore() {
      setIdleTimeout(normal);
    }

    /**
     * Sets the connection's idle timeout, never above the short one a stopping connector gave its connections: set
     * after the stop began, a longer one would keep this connection, and the stop, waiting until it expires. The stop
     * is checked after the write, so a stop that begins meanwhile still shortens it itself.
     */
    private void setIdleTimeout(long millis) {
      endPoint.setIdleTimeout(millis);
      if (connector.isShutdown() && connector instanceof AbstractConnector stopping) {
        endPoint.setIdleTimeout(Math.min(millis, stopping.getShutdownIdleTimeout()));
      }
    }
  }
}
