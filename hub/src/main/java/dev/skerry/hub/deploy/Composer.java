package dev.skerry.hub.deploy;

import dev.skerry.core.wire.DesiredWorkload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure: which workloads each device should run, given devices' labels and the deployments. */
public final class Composer {
  /** A deployment at one revision. */
  public record Versioned(Deployment deployment, long revision) {
    /** The workloads of this revision as a device receives them. */
    DesiredWorkload workload(dev.skerry.core.wire.WorkloadSpec spec) {
      var rollout =
          deployment.strategy() == null
              ? null
              : dev.skerry.core.spec.RolloutStrategy.of(deployment.strategy()).deviceSide();
      return new DesiredWorkload(deployment.name(), revision, spec, rollout);
    }
  }

  /**
   * A deployment as composition sees it: which revision each device gets. {@code age} orders
   * deployments, lower is older.
   *
   * @param current the newest revision
   * @param stable the revision devices outside a rollout keep; null if there is none
   * @param choice which devices get which revision
   */
  public record Input(
      String name, long age, Versioned current, Versioned stable, RevisionChoice choice) {

    /** Every device gets {@code revision}: no rollout in the way. */
    public Input(Deployment deployment, long revision, long age) {
      this(
          deployment.name(),
          age,
          new Versioned(deployment, revision),
          null,
          RevisionChoice.ALL_CURRENT);
    }

    /** The revision a device gets, or null for none. */
    Versioned forDevice(String deviceId) {
      return choice.current(deviceId) ? current : stable;
    }
  }

  private Composer() {}

  /**
   * Composes every device's workloads: all workloads of all deployments whose selector matches the
   * device's labels, sorted by name. When two deployments bring a workload of the same name, the
   * older deployment's wins and the clash is reported.
   *
   * @param devices device id to effective labels
   */
  public static Composition compose(
      Map<String, Map<String, String>> devices, List<Input> deployments) {
    List<Input> oldestFirst =
        deployments.stream()
            .sorted(Comparator.comparingLong(Input::age).thenComparing(Input::name))
            .toList();
    Map<String, List<DesiredWorkload>> result = new LinkedHashMap<>();
    List<Conflict> conflicts = new ArrayList<>();
    devices.keySet().stream()
        .sorted()
        .forEach(
            id -> {
              Map<String, DesiredWorkload> byName = new java.util.TreeMap<>();
              for (Input in : oldestFirst) {
                Versioned v = in.forDevice(id);
                if (v == null || !v.deployment().selector().matches(devices.get(id))) {
                  continue;
                }
                for (var spec : v.deployment().workloads()) {
                  DesiredWorkload existing = byName.get(spec.name());
                  if (existing == null) {
                    byName.put(spec.name(), v.workload(spec));
                  } else {
                    conflicts.add(new Conflict(id, spec.name(), existing.deployment(), in.name()));
                  }
                }
              }
              if (!byName.isEmpty()) {
                result.put(id, List.copyOf(byName.values()));
              }
            });
    return new Composition(result, conflicts);
  }
}
