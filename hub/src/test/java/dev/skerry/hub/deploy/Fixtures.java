package dev.skerry.hub.deploy;

import dev.skerry.core.labels.Selector;
import dev.skerry.core.wire.WorkloadSpec;
import java.util.List;
import java.util.Map;

/** Plain values for deployment tests. */
public final class Fixtures {
  private Fixtures() {}

  public static WorkloadSpec workload(String name, String image) {
    return new WorkloadSpec(name, image, null, null, null, null, null, null, null, null);
  }

  public static Deployment deployment(
      String name, Map<String, String> matchLabels, WorkloadSpec... workloads) {
    return new Deployment(name, new Selector(matchLabels), List.of(workloads), null);
  }
}
