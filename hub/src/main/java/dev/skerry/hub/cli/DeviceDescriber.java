package dev.skerry.hub.cli;

import dev.skerry.core.wire.WorkloadStatus;
import dev.skerry.hub.api.DeviceView;
import dev.skerry.hub.store.DeviceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code describe device} view. */
final class DeviceDescriber {
  private DeviceDescriber() {}

  static String describe(DeviceView d, Instant now) {
    return describe(d, null, now);
  }

  /**
   * @param events the device's recent events, newest first; null if the hub could not say (an older
   *     hub)
   */
  static String describe(DeviceView d, List<DeviceEvent> events, Instant now) {
    Fields f = new Fields();
    f.field("ID", d.id());
    f.field("Online", d.online() ? "yes" : "no");
    if (d.stale()) {
      f.field("Stale", "yes (no report or heartbeat for too long)");
    }
    f.field(
        "Last seen",
        d.lastSeen() == null
            ? "<never>"
            : d.lastSeen() + " (" + Ago.format(d.lastSeen(), now) + " ago)");
    f.field("Agent version", d.agentVersion() == null ? "<unknown>" : d.agentVersion());
    f.field("Labels", labelLines(d.labels()));
    f.field("Desired revision", Long.toString(d.desiredRevision()));
    f.field("Applied revision", Long.toString(d.appliedRevision()));
    if (events != null) {
      f.field("Events", eventLines(events));
    }
    List<WorkloadStatus> workloads = ApiViews.list(d.workloads());
    if (workloads.isEmpty()) {
      f.field("Workloads", "<none>");
      return f.render();
    }
    Fields ws =
        f.section(
            "Workloads ("
                + DeviceTable.running(workloads)
                + " of "
                + workloads.size()
                + " running)");
    for (WorkloadStatus w : workloads) {
      Fields one = ws.section(w.name() == null ? "?" : w.name());
      one.field("Deployment", w.deployment());
      String digest = w.imageDigest();
      one.field(
          "Image",
          (w.image() == null ? "" : w.image()) + (digest == null ? "" : " (" + digest + ")"));
      one.field("State", w.state() == null ? "<unknown>" : w.state());
      one.field("Health", w.health() == null ? "<unknown>" : w.health());
      one.field("Restarts", Integer.toString(w.restarts()));
      one.field("Message", w.message());
    }
    return f.render();
  }

  /** One line per event: time, workload (or {@code -}), kind, message. */
  static List<String> eventLines(List<DeviceEvent> events) {
    List<String> lines = new ArrayList<>();
    for (DeviceEvent e : events) {
      lines.add(
          (e.at() == null ? "?" : e.at().toString())
              + "  "
              + (e.workload() == null ? "-" : e.workload())
              + "  "
              + e.kind()
              + "  "
              + e.message());
    }
    if (lines.isEmpty()) {
      lines.add("<none>");
    }
    return lines;
  }

  static List<String> labelLines(Map<String, String> labels) {
    List<String> lines = new ArrayList<>();
    Json.sorted(labels).forEach((k, v) -> lines.add(k + "=" + v));
    return lines;
  }
}
