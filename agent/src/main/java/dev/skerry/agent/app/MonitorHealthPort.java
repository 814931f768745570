package dev.skerry.agent.app;

import dev.skerry.agent.control.HealthPort;
import dev.skerry.agent.health.HealthMonitor;
import dev.skerry.agent.health.HealthStatus;
import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import java.time.Instant;
import java.util.Objects;

/** The reconciler's {@link HealthPort}, backed by the agent's one {@link HealthMonitor}. */
final class MonitorHealthPort implements HealthPort {
  private final HealthMonitor monitor;

  MonitorHealthPort(HealthMonitor monitor) {
    this.monitor = Objects.requireNonNull(monitor, "monitor");
  }

  @Override
  public void watch(String containerId, String workload, HealthCheck check, Instant startedAt) {
    monitor.start(containerId, workload, check, startedAt);
  }

  @Override
  public void unwatch(String containerId) {
    monitor.stop(containerId);
  }

  @Override
  public HealthStatus status(String containerId) {
    return monitor.status(containerId);
  }
}
