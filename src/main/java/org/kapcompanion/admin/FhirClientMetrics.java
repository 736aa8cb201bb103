package org.kapcompanion.admin;

import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.http.HttpEntity;
import org.apache.http.HttpRequest;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.HttpResponse;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.conn.ConnectionReleaseTrigger;
import org.apache.http.conn.EofSensorInputStream;
import org.apache.http.conn.EofSensorWatcher;
import org.apache.http.entity.HttpEntityWrapper;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.apache.http.protocol.HttpCoreContext;

/**
 * Times every request HAPI's FHIR clients send, by endpoint, and records it for the request being served
 * ({@link RequestCost}, until its body has been read): gives the client factory an HTTP client with the factory's own
 * pool and timeouts plus a timing interceptor.
 */
public final class FhirClientMetrics {

  private static final String STARTED = "kap.started";
  private static final Pattern RESOURCE_TYPE = Pattern.compile("/([A-Z][A-Za-z]+)(?:/|$)");

  private FhirClientMetrics() {}

  public static void instrument(IRestfulClientFactory clients, Metrics metrics) {
    PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager(5_000, TimeUnit.MILLISECONDS);
    pool.setMaxTotal(clients.getPoolMaxTotal());
    pool.setDefaultMaxPerRoute(clients.getPoolMaxPerRoute());
    RequestConfig timeouts = RequestConfig.custom().setConnectTimeout(clients.getConnectTimeout())
        .setSocketTimeout(clients.getSocketTimeout())
        .setConnectionRequestTimeout(clients.getConnectionRequestTimeout()).build();
    CloseableHttpClient http = HttpClients.custom().setConnectionManager(pool).setDefaultRequestConfig(timeouts)
        .disableCookieManagement()
        .addInterceptorFirst((HttpRequestInterceptor) (request, context) ->
            context.setAttribute(STARTED, System.nanoTime()))
        .addInterceptorLast((HttpResponseInterceptor) (response, context) -> {
          Object started = context.getAttribute(STARTED);
          HttpRequest request = HttpCoreContext.adapt(context).getRequest();
          if (started instanceof Long nanos && request != null) {
            metrics.fhirRequest(endpoint(request.getRequestLine().getUri()), request.getRequestLine().getMethod(),
                response.getStatusLine().getStatusCode(), Duration.ofNanos(System.nanoTime() - nanos));
            recordWhenRead(response, nanos);
          }
        })
        .build();
    clients.setHttpClient(http);
  }

  /** Records the call for the current request once its body has been read (or at once when it has none). */
  private static void recordWhenRead(HttpResponse response, long started) {
    RequestCost cost = RequestCost.current();
    if (cost == null) {
      return;
    }
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      cost.ehrCall(started, System.nanoTime());
      return;
    }
    AtomicBoolean recorded = new AtomicBoolean();
    EofSensorWatcher watcher = new EofSensorWatcher() {
      @Override
      public boolean eofDetected(InputStream wrapped) {
        return done();
      }

      @Override
      public boolean streamClosed(InputStream wrapped) {
        return done();
      }

      @Override
      public boolean streamAbort(InputStream wrapped) throws IOException {
        done();
        if (wrapped instanceof ConnectionReleaseTrigger connection) {
          connection.abortConnection();
          return false;
        }
        return true;
      }

      private boolean done() {
        if (recorded.compareAndSet(false, true)) {
          cost.ehrCall(started, System.nanoTime());
        }
        return true;
      }
    };
    response.setEntity(new HttpEntityWrapper(entity) {
      @Override
      public InputStream getContent() throws IOException {
        return new EofSensorInputStream(super.getContent(), watcher);
      }
    });
  }

  /** The resource type a FHIR URL addresses, {@code metadata}, or {@code system} for the base (batch, transaction). */
  static String endpoint(String uri) {
    String path = URI.create(uri).getRawPath();
    if (path == null) {
      return "system";
    }
    Matcher matcher = RESOURCE_TYPE.matcher(path);
    if (matcher.find()) {
      return matcher.group(1);
    }
    return path.endsWith("/metadata") ? "metadata" : "system";
  }
}
