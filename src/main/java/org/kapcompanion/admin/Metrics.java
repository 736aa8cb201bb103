package org.kapcompanion.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The node's request metrics in Prometheus format ({@code /metrics}): launches, saves, HTTP requests by route, FHIR
 * requests by endpoint, and JVM memory, threads and CPU. Labels carry routes and resource types, never ids.
 */
public final class Metrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public Metrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  void httpRequest(String route, String method, int status, Duration took) {
    Timer.builder("kap.http.requests").description("Requests served by the app, by route")
        .tag("route", route).tag("method", method).tag("status", Integer.toString(status))
        .register(registry).record(took);
  }

  void launch(boolean succeeded) {
    count("kap.launches", "SMART launches completed at the callback", succeeded);
  }

  void save(boolean succeeded) {
    count("kap.saves", "Saves (state-changing requests on session pages)", succeeded);
  }

  void fhirRequest(String endpoint, String method, int status, Duration took) {
    Timer.builder("kap.fhir.requests").description("Requests to EHR FHIR servers, by endpoint (resource type)")
        .tag("endpoint", endpoint).tag("method", method).tag("status", Integer.toString(status))
        .publishPercentileHistogram().register(registry).record(took);
  }

  private void count(String name, String description, boolean succeeded) {
    Counter.builder(name).description(description).tag("outcome", succeeded ? "ok" : "failed")
        .register(registry).increment();
  }

  String scrape() {
    return registry.scrape();
  }
}
