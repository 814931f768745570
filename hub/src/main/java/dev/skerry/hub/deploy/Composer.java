package dev.skerry.hub.deploy;

import dev.skerry.proto.msg.DesiredWorkload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure: which workloads each device should run, given devices' labels and the deployments. */
public final class Composer {
  /** A deployment at its current revision; {@code age} orders deployments, lower is older. */
  public record Input(Deployment deployment, long revision, long age) {}

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
            .sorted(Comparator.comparingLong(Input::age).thenComparing(i -> i.deployment().name()))
            .toList();
    Map<String, List<DesiredWorkload>> result = new LinkedHashMap<>();
    List<Conflict> conflicts = new ArrayList<>();
    devices.keySet().stream()
        .sorted()
        .forEach(
            id -> {
              Map<String, DesiredWorkload> byName = new java.util.TreeMap<>();
              for (Input in : oldestFirst) {
                if (!in.deployment().selector().matches(devices.get(id))) {
                  continue;
                }
                for (var spec : in.deployment().workloads()) {
                  DesiredWorkload existing = byName.get(spec.name());
                  if (existing == null) {
                    byName.put(
                        spec.name(),
                        new DesiredWorkload(in.deployment().name(), in.revision(), spec));
                  } else {
                    conflicts.add(
                        new Conflict(
                            id, spec.name(), existing.deployment(), in.deployment().name()));
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
