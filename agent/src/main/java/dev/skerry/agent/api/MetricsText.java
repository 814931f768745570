package dev.skerry.agent.api;

import dev.skerry.core.metrics.PrometheusText;
import dev.skerry.core.wire.VolumeStatus;
import java.util.List;
import java.util.Map;

/** Renders {@link MetricsSnapshot} in the Prometheus text exposition format (0.0.4). Pure. */
public final class MetricsText {
  /** Every state is always listed, so a dashboard sees zeros rather than gaps. */
  static final List<String> STATES = List.of("pending", "pulling", "running", "exited", "failed");

  private MetricsText() {}

  public static String render(MetricsSnapshot m) {
    PrometheusText out = new PrometheusText();
    out.counter("skerry_agent_reconcile_total", "Reconcile passes run.", m.reconcilePasses());
    out.counter(
        "skerry_agent_reconcile_seconds_total",
        "Time spent in reconcile passes.",
        m.reconcileSeconds());
    out.counter(
        "skerry_agent_reconcile_actions_total", "Runtime actions carried out.", m.actionsDone());
    out.counter(
        "skerry_agent_reconcile_action_failures_total",
        "Runtime actions that failed.",
        m.actionsFailed());
    out.gauge("skerry_agent_workloads", "Desired workloads by state.");
    for (String state : STATES) {
      out.sample(
          "skerry_agent_workloads",
          Map.of("state", state),
          m.workloadsByState().getOrDefault(state, 0L));
    }
    out.gauge(
        "skerry_agent_mqtt_connected",
        "1 when connected to the hub's broker.",
        m.mqttConnected() ? 1 : 0);
    out.counter(
        "skerry_agent_mqtt_connects_total",
        "Successful connections to the broker.",
        m.mqttConnects());
    out.counter(
        "skerry_agent_desired_rejected_total",
        "Desired documents rejected (malformed, oversized, wrong device or version).",
        m.messagesRejected());
    out.counter(
        "skerry_agent_desired_stale_total",
        "Desired documents dropped as not newer.",
        m.messagesStale());
    out.counter(
        "skerry_agent_reports_published_total",
        "Status reports acknowledged by the broker.",
        m.reportsPublished());
    out.counter(
        "skerry_agent_events_published_total",
        "Event publishes acknowledged by the broker, replays included.",
        m.eventsPublished());
    out.gauge(
        "skerry_agent_outbox_pending",
        "Messages waiting in the outbox for the broker's or the hub's acknowledgement.",
        m.outboxPending());
    out.counter(
        "skerry_agent_outbox_dropped_total",
        "Events dropped because the outbox was full (--outbox-max).",
        m.outboxDropped());
    out.gauge(
        "skerry_agent_desired_revision",
        "Revision of the stored desired document.",
        m.desiredRevision());
    out.gauge(
        "skerry_agent_applied_revision",
        "Newest desired revision fully applied.",
        m.appliedRevision());
    if (!m.volumes().isEmpty()) {
      out.gauge("skerry_agent_volume_size_bytes", "Size of each named volume's file system.");
      for (VolumeStatus v : m.volumes()) {
        out.sample("skerry_agent_volume_size_bytes", Map.of("volume", v.name()), v.sizeBytes());
      }
      out.gauge("skerry_agent_volume_used_bytes", "Bytes in use on each mounted named volume.");
      for (VolumeStatus v : m.volumes()) {
        if (v.usedBytes() != null) {
          out.sample("skerry_agent_volume_used_bytes", Map.of("volume", v.name()), v.usedBytes());
        }
      }
    }
    return out.toString();
  }
}
