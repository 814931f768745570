package dev.skerry.hub.metrics;

import dev.skerry.core.metrics.PrometheusText;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** A histogram of REST API request durations, and request counts by method and status class. */
public final class ApiLatency {
  /** Upper bounds of the buckets, in seconds. */
  static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

  private final LongAdder[] buckets = new LongAdder[BOUNDS.length];
  private final LongAdder count = new LongAdder();
  private final AtomicLong sumNanos = new AtomicLong();
  private final Map<String, LongAdder> requests = new java.util.concurrent.ConcurrentHashMap<>();

  public ApiLatency() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  /** Records one request that took {@code nanos} and answered {@code status}. */
  public void record(String method, int status, long nanos) {
    double seconds = nanos / 1e9;
    for (int i = 0; i < BOUNDS.length; i++) {
      if (seconds <= BOUNDS[i]) {
        buckets[i].increment();
      }
    }
    count.increment();
    sumNanos.addAndGet(nanos);
    requests
        .computeIfAbsent(method + " " + (status / 100) + "xx", k -> new LongAdder())
        .increment();
  }

  void write(PrometheusText out) {
    out.counter("skerry_hub_api_requests_total", "REST API requests, by method and status class.");
    new TreeMap<>(requests)
        .forEach(
            (k, n) -> {
              String[] parts = k.split(" ");
              out.sample(
                  "skerry_hub_api_requests_total",
                  Map.of("method", parts[0], "code", parts[1]),
                  n.sum());
            });
    out.histogram("skerry_hub_api_request_seconds", "REST API request duration.");
    for (int i = 0; i < BOUNDS.length; i++) {
      out.sample(
          "skerry_hub_api_request_seconds_bucket",
          Map.of("le", format(BOUNDS[i])),
          buckets[i].sum());
    }
    out.sample("skerry_hub_api_request_seconds_bucket", Map.of("le", "+Inf"), count.sum());
    out.sample("skerry_hub_api_request_seconds_sum", Map.of(), sumNanos.get() / 1e9);
    out.sample("skerry_hub_api_request_seconds_count", Map.of(), count.sum());
  }

  private static String format(double bound) {
    return bound == Math.rint(bound) ? String.valueOf((long) bound) + ".0" : String.valueOf(bound);
  }
}
