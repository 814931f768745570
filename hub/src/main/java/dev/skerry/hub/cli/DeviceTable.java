package dev.skerry.hub.cli;

import dev.skerry.core.wire.WorkloadStatus;
import dev.skerry.hub.api.DeviceView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code get devices} table; {@code wide} adds AGENT and RESTARTS. */
final class DeviceTable {
  private DeviceTable() {}

  static Table of(List<DeviceView> devices, boolean wide, Instant now) {
    List<String> headers =
        new ArrayList<>(
            List.of("ID", "ONLINE", "LABELS", "DESIRED", "APPLIED", "WORKLOADS", "LAST SEEN"));
    if (wide) {
      headers.addAll(List.of("AGENT", "RESTARTS"));
    }
    Table table = new Table(headers);
    for (DeviceView d : devices) {
      List<WorkloadStatus> workloads = ApiViews.list(d.workloads());
      List<String> row =
          new ArrayList<>(
              List.of(
                  d.id() == null ? "" : d.id(),
                  d.online() ? "yes" : "no",
                  Json.labels(Json.sorted(d.labels()), "<none>"),
                  Long.toString(d.desiredRevision()),
                  Long.toString(d.appliedRevision()),
                  running(workloads) + "/" + workloads.size(),
                  d.lastSeen() == null ? "<never>" : Ago.format(d.lastSeen(), now)));
      if (wide) {
        row.add(d.agentVersion() == null ? "<unknown>" : d.agentVersion());
        row.add(Long.toString(workloads.stream().mapToLong(WorkloadStatus::restarts).sum()));
      }
      table.row(row);
    }
    return table;
  }

  static long running(List<WorkloadStatus> workloads) {
    return workloads.stream().filter(w -> "running".equals(w.state())).count();
  }
}
