package dev.skerry.agent.reconcile;

import dev.skerry.agent.health.HealthStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the planner knows about the device: the containers containerd reports, which desired images
 * are already present, what the agent remembers per workload, recent failures, the health of
 * monitored containers and why a workload was last killed for failing its health check.
 *
 * @param health by container id; a container missing here is unknown (not monitored)
 * @param healthKills by workload: the health message that got its container killed, kept until the
 *     container is replaced or exits for another reason
 */
public record ObservedState(
    List<Container> containers,
    Set<String> presentImages,
    Map<String, WorkloadHistory> histories,
    Map<String, Failure> failures,
    Map<String, HealthStatus> health,
    Map<String, String> healthKills) {
  public static final ObservedState EMPTY =
      new ObservedState(List.of(), Set.of(), Map.of(), Map.of());

  public ObservedState {
    containers = List.copyOf(containers);
    presentImages = Set.copyOf(presentImages);
    histories = Map.copyOf(histories);
    failures = Map.copyOf(failures);
    health = Map.copyOf(health);
    healthKills = Map.copyOf(healthKills);
  }

  /** Without health information: every container's health is unknown. */
  public ObservedState(
      List<Container> containers,
      Set<String> presentImages,
      Map<String, WorkloadHistory> histories,
      Map<String, Failure> failures) {
    this(containers, presentImages, histories, failures, Map.of(), Map.of());
  }

  public WorkloadHistory history(String workload) {
    return histories.getOrDefault(workload, WorkloadHistory.fresh(workload));
  }

  /** The container's health; {@link HealthStatus#NOT_MONITORED} if it is not probed. */
  public HealthStatus health(String containerId) {
    return health.getOrDefault(containerId, HealthStatus.NOT_MONITORED);
  }

  /** The same observation with health information. */
  public ObservedState withHealth(
      Map<String, HealthStatus> health, Map<String, String> healthKills) {
    return new ObservedState(containers, presentImages, histories, failures, health, healthKills);
  }
}
