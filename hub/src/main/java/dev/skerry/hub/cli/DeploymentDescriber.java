package dev.skerry.hub.cli;

import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.hub.api.DeploymentView;
import dev.skerry.hub.deploy.Conflict;
import dev.skerry.hub.rollout.RolloutView;
import java.util.List;
import java.util.StringJoiner;

/** The {@code describe deployment} and {@code rollout status} views. */
final class DeploymentDescriber {
  private DeploymentDescriber() {}

  static String describe(DeploymentView d) {
    Fields f = new Fields();
    f.field("Name", d.name());
    f.field("Revision", Long.toString(d.revision()));
    f.field("Selector", DeploymentTable.selector(d));
    f.field("Strategy", Flat.of(d.strategy()));
    if (d.rollout() != null) {
      rollout(f.section("Rollout"), d.rollout());
    } else {
      f.field("Rollout", "<none>");
    }
    List<WorkloadSpec> workloads = ApiViews.list(d.workloads());
    if (workloads.isEmpty()) {
      f.field("Workloads", "<none>");
    } else {
      Fields ws = f.section("Workloads");
      for (WorkloadSpec w : workloads) {
        workload(ws.section(w.name() == null ? "?" : w.name()), w);
      }
    }
    List<Conflict> conflicts = ApiViews.list(d.conflicts());
    if (!conflicts.isEmpty()) {
      Fields cs = f.section("Conflicts");
      conflicts.forEach(c -> cs.text("- " + Flat.of(ApiViews.tree(c))));
    }
    return f.render();
  }

  /** The rollout: state, the four counts, the rest of its fields, its devices and events. */
  static void rollout(Fields f, RolloutView r) {
    f.field("State", r.state() == null ? "<unknown>" : r.state());
    f.field("Targeted", Integer.toString(r.targeted()));
    f.field("Updated", Integer.toString(r.updated()));
    f.field("Healthy", Integer.toString(r.healthy()));
    f.field("Failed", Integer.toString(r.failed()));
    f.field("Revision", Long.toString(r.revision()));
    f.field("StableRevision", Long.toString(r.stableRevision()));
    optional(f, "Type", r.type());
    f.field("Wave", Integer.toString(r.wave()));
    if (r.waves() != null) {
      StringJoiner waves = new StringJoiner(", ");
      r.waves().forEach(w -> waves.add(Integer.toString(w)));
      f.field("Waves", waves.toString());
    }
    f.field("Pending", Integer.toString(r.pending()));
    optional(f, "Message", r.message());
    optional(f, "StartedAt", r.startedAt());
    optional(f, "UpdatedAt", r.updatedAt());
    List<RolloutView.DeviceStatus> devices = ApiViews.list(r.devices());
    if (!devices.isEmpty()) {
      Fields ds = f.section("Devices");
      for (RolloutView.DeviceStatus d : devices) {
        ds.text(
            d.id()
                + "  "
                + d.status()
                + "  wave "
                + d.wave()
                + (d.message() != null ? "  " + d.message() : ""));
      }
    }
    List<RolloutView.Event> events = ApiViews.list(r.events());
    if (!events.isEmpty()) {
      Fields es = f.section("Events");
      events.forEach(e -> es.text(e.at() + "  " + e.kind() + "  " + e.message()));
    }
  }

  /** A field shown only when the hub sent it. */
  private static void optional(Fields f, String label, Object value) {
    if (value != null) {
      f.field(label, value.toString());
    }
  }

  private static void workload(Fields f, WorkloadSpec w) {
    f.field("Image", w.image());
    if (w.command() != null) {
      f.field("Command", String.join(" ", w.command()));
    }
    if (w.args() != null) {
      f.field("Args", String.join(" ", w.args()));
    }
    if (w.env() != null) {
      f.field("Env", DeviceDescriber.labelLines(w.env()));
    }
    optional(f, "Restart policy", w.restartPolicy());
    flat(f, "Resources", w.resources());
    flat(f, "Mounts", w.mounts());
    flat(f, "Health check", w.healthCheck());
    optional(f, "Network", w.network());
    optional(f, "Update strategy", w.updateStrategy());
  }

  /** A nested value flattened to {@code key=value, ...}, shown only when the hub sent it. */
  private static void flat(Fields f, String label, Object value) {
    if (value != null) {
      f.field(label, Flat.of(ApiViews.tree(value)));
    }
  }
}
