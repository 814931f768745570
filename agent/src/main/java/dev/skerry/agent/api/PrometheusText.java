package dev.skerry.agent.api;

import java.util.List;
import java.util.Locale;

/** Renders {@link MetricsSnapshot} in the Prometheus text exposition format (0.0.4). Pure. */
public final class PrometheusText {
  /** Every state is always listed, so a dashboard sees zeros rather than gaps. */
  static final List<String> STATES = List.of("pending", "pulling", "running", "exited", "failed");

  private PrometheusText() {}

  public static String render(MetricsSnapshot m) {
    StringBuilder out = new StringBuilder(1024);
    counter(out, "skerry_agent_reconcile_total", "Reconcile passes run.", m.reconcilePasses());
    counter(
        out,
        "skerry_agent_reconcile_seconds_total",
        "Time spent in reconcile passes.",
        m.reconcileSeconds());
    counter(
        out,
        "skerry_agent_reconcile_actions_total",
        "Runtime actions carried out.",
        m.actionsDone());
    counter(
        out,
        "skerry_agent_reconcile_action_failures_total",
        "Runtime actions that failed.",
        m.actionsFailed());
    out.append("# HELP skerry_agent_workloads Desired workloads by state.\n");
    out.append("# TYPE skerry_agent_workloads gauge\n");
    for (String state : STATES) {
      out.append("skerry_agent_workloads{state=\"")
          .append(state)
          .append("\"} ")
          .append(m.workloadsByState().getOrDefault(state, 0L))
          .append('\n');
    }
    gauge(
        out,
        "skerry_agent_mqtt_connected",
        "1 when connected to the hub's broker.",
        m.mqttConnected() ? 1 : 0);
    counter(
        out,
        "skerry_agent_mqtt_connects_total",
        "Successful connections to the broker.",
        m.mqttConnects());
    counter(
        out,
        "skerry_agent_desired_rejected_total",
        "Desired documents rejected (malformed, oversized, wrong device or version).",
        m.messagesRejected());
    counter(
        out,
        "skerry_agent_desired_stale_total",
        "Desired documents dropped as not newer.",
        m.messagesStale());
    counter(
        out,
        "skerry_agent_reports_published_total",
        "Status reports acknowledged by the broker.",
        m.reportsPublished());
    counter(
        out,
        "skerry_agent_events_published_total",
        "Event publishes acknowledged by the broker, replays included.",
        m.eventsPublished());
    gauge(
        out,
        "skerry_agent_outbox_pending",
        "Messages waiting in the outbox for the broker's or the hub's acknowledgement.",
        m.outboxPending());
    counter(
        out,
        "skerry_agent_outbox_dropped_total",
        "Events dropped because the outbox was full (--outbox-max).",
        m.outboxDropped());
    gauge(
        out,
        "skerry_agent_desired_revision",
        "Revision of the stored desired document.",
        m.desiredRevision());
    gauge(
        out,
        "skerry_agent_applied_revision",
        "Newest desired revision fully applied.",
        m.appliedRevision());
    return out.toString();
  }

  private static void counter(StringBuilder out, String name, String help, double value) {
    metric(out, name, help, "counter", value);
  }

  private static void gauge(StringBuilder out, String name, String help, double value) {
    metric(out, name, help, "gauge", value);
  }

  private static void metric(
      StringBuilder out, String name, String help, String type, double value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    out.append(name).append(' ');
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      out.append(String.format(Locale.ROOT, "%.6f", value));
    }
    out.append('\n');
  }
}
