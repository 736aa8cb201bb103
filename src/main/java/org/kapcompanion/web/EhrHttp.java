package org.kapcompanion.web;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The one way the app builds a JDK HTTP client for talking to an EHR: HTTP/1.1 only. The JDK's default (HTTP/2)
 * sends {@code Upgrade: h2c} and {@code HTTP2-Settings} on every cleartext request; gateways forward them and
 * servers behind them (Jetty among them) refuse the request with 400.
 */
public final class EhrHttp {

  /** How long the app waits to connect to an EHR endpoint. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** How long the app waits for an EHR endpoint's answer once connected. */
  public static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

  private EhrHttp() {}

  /** A builder for an HTTP/1.1 client with the app's connect timeout; callers add redirects and the like. */
  public static HttpClient.Builder builder() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT);
  }
}
