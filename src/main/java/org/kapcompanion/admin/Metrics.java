package org.kapcompanion.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's metrics in Prometheus format ({@code /metrics}): launches, saves, HTTP requests by route, FHIR requests
 * by endpoint, the outbox of each tenant, and JVM memory, threads and CPU. Labels carry routes, resource types and
 * tenants, never ids.
 */
public final class Metrics {

  private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

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

  /**
   * The outbox of each tenant: entries waiting and failed, read from the store at each scrape, and the entries this
   * node set aside as unreadable since it started.
   */
  void outbox(OutboxStatus outbox, List<String> tenantIds) {
    for (String tenant : tenantIds) {
      AtomicLong pending = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      Gauge.builder("kap.outbox.entries", pending, AtomicLong::get).description("Entries not yet in the EHR, by state")
          .tag("tenant", tenant).tag("state", "pending").register(registry);
      Gauge.builder("kap.outbox.entries", failed, AtomicLong::get).description("Entries not yet in the EHR, by state")
          .tag("tenant", tenant).tag("state", "failed").register(registry);
      FunctionCounter.builder("kap.outbox.quarantined", outbox, o -> o.quarantined(tenant))
          .description("Entries set aside as failed because they could not be read back").tag("tenant", tenant)
          .register(registry);
      beforeScrape.add(() -> outbox.of(tenant).ifPresent(state -> {
        pending.set(state.pending());
        failed.set(state.failed());
      }));
    }
  }

  private void count(String name, String description, boolean succeeded) {
    Counter.builder(name).description(description).tag("outcome", succeeded ? "ok" : "failed")
        .register(registry).increment();
  }

  /** The metrics now; outbox gauges keep their last values when the store cannot be read. */
  String scrape() {
    for (Runnable refresh : beforeScrape) {
      try {
        refresh.run();
      } catch (RuntimeException e) {
        LOG.warn("outbox metrics not refreshed: {}", e.getClass().getName());
      }
    }
    return registry.scrape();
  }
}
