package dev.skerry.hub.metrics;

import dev.skerry.core.metrics.PrometheusText;
import dev.skerry.hub.fleet.Staleness;
import dev.skerry.hub.rollout.RolloutMetrics;
import dev.skerry.hub.store.DeviceRecord;
import dev.skerry.hub.store.HubStore;
import dev.skerry.hub.store.RolloutRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The hub's Prometheus metrics: counters kept here by the parts that count (messages in and out,
 * API requests), gauges read from the store at scrape time (devices, deployments, rollouts).
 */
public final class HubMetrics {
  private final HubStore store;
  private final RolloutMetrics rollouts;
  private final Map<String, AtomicLong> messagesIn = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> messagesOut = new ConcurrentHashMap<>();
  private final Staleness staleness;
  private final Clock clock;
  private volatile Supplier<Map<String, Long>> refused = Map::of;
  private volatile Supplier<Map<String, Long>> enrollments = Map::of;
  private volatile Supplier<Map<String, Long>> renewals = Map::of;
  private final ApiLatency api = new ApiLatency();

  public HubMetrics(HubStore store, RolloutMetrics rollouts, Staleness staleness, Clock clock) {
    this.store = store;
    this.rollouts = rollouts;
    this.staleness = staleness;
    this.clock = clock;
  }

  /** Counts one message received from a device, by kind (report, presence, ...). */
  public void messageIn(String kind) {
    messagesIn.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
  }

  /** Counts one message sent to a device, by kind (desired, ...). */
  public void messageOut(String kind) {
    messagesOut.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
  }

  /** Where the counts of refused device messages by kind (oversized, malformed, ...) are kept. */
  public void refused(Supplier<Map<String, Long>> counts) {
    this.refused = counts;
  }

  /** Where the counts of certificate renewals by result (ok, key_mismatch, ...) are kept. */
  public void renewals(Supplier<Map<String, Long>> counts) {
    this.renewals = counts;
  }

  /** Where the counts of enrollments by result (ok, expired, used, unknown, ...) are kept. */
  public void enrollments(Supplier<Map<String, Long>> counts) {
    this.enrollments = counts;
  }

  public ApiLatency api() {
    return api;
  }

  /**
   * The metrics in Prometheus' text format (version 0.0.4). Reads the store: not on an event loop.
   */
  public String scrape() {
    PrometheusText out = new PrometheusText();
    Map<String, Long> presence = new TreeMap<>(Map.of("online", 0L, "offline", 0L, "stale", 0L));
    Instant now = clock.instant();
    for (DeviceRecord d : store.devices()) {
      String state = !d.online() ? "offline" : staleness.isStale(d, now) ? "stale" : "online";
      presence.merge(state, 1L, Long::sum);
    }
    out.gauge(
        "skerry_hub_devices",
        "Devices known to the hub: online, offline, or stale (online but silent for too long).");
    presence.forEach((state, n) -> out.sample("skerry_hub_devices", Map.of("state", state), n));
    out.gauge("skerry_hub_deployments", "Deployments.");
    out.sample("skerry_hub_deployments", Map.of(), store.deployments().size());
    Map<String, Long> byState = new TreeMap<>();
    for (String s : new String[] {"progressing", "paused", "complete", "failed", "rolledback"}) {
      byState.put(s, 0L);
    }
    for (RolloutRecord r : store.rollouts()) {
      byState.merge(r.state(), 1L, Long::sum);
    }
    out.gauge("skerry_hub_rollouts", "Each deployment's newest rollout, by state.");
    byState.forEach((state, n) -> out.sample("skerry_hub_rollouts", Map.of("state", state), n));
    out.counter(
        "skerry_hub_rollout_transitions_total", "Rollout transitions since the hub started.");
    out.sample("skerry_hub_rollout_transitions_total", Map.of("to", "started"), rollouts.started());
    out.sample(
        "skerry_hub_rollout_transitions_total", Map.of("to", "complete"), rollouts.completed());
    out.sample("skerry_hub_rollout_transitions_total", Map.of("to", "failed"), rollouts.failed());
    out.sample(
        "skerry_hub_rollout_transitions_total", Map.of("to", "rolledback"), rollouts.rolledBack());
    out.counter("skerry_hub_rollout_waves_promoted_total", "Waves promoted since the hub started.");
    out.sample("skerry_hub_rollout_waves_promoted_total", Map.of(), rollouts.wavesPromoted());
    out.counter("skerry_hub_messages_in_total", "Device messages received, by kind.");
    new TreeMap<>(messagesIn)
        .forEach((k, n) -> out.sample("skerry_hub_messages_in_total", Map.of("kind", k), n.get()));
    out.counter(
        "skerry_hub_messages_dropped_total", "Device messages refused and dropped, by reason.");
    new TreeMap<>(refused.get())
        .forEach((k, n) -> out.sample("skerry_hub_messages_dropped_total", Map.of("reason", k), n));
    out.counter("skerry_hub_messages_out_total", "Messages sent to devices, by kind.");
    new TreeMap<>(messagesOut)
        .forEach((k, n) -> out.sample("skerry_hub_messages_out_total", Map.of("kind", k), n.get()));
    out.counter("skerry_hub_enrollments_total", "Device enrollments, by result.");
    new TreeMap<>(enrollments.get())
        .forEach((k, n) -> out.sample("skerry_hub_enrollments_total", Map.of("result", k), n));
    out.counter("skerry_hub_renewals_total", "Device certificate renewals, by result.");
    new TreeMap<>(renewals.get())
        .forEach((k, n) -> out.sample("skerry_hub_renewals_total", Map.of("result", k), n));
    api.write(out);
    return out.toString();
  }
}
