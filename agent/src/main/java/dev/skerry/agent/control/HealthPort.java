package dev.skerry.agent.control;

import dev.skerry.agent.health.HealthStatus;
import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import java.time.Instant;

/**
 * What the reconciler needs from health probing; {@code app} backs it with the {@link
 * dev.skerry.agent.health.HealthMonitor}. Methods may be called from any thread and do not block.
 */
public interface HealthPort {
  /** Starts (or restarts) probing a container whose task started at {@code startedAt}. */
  void watch(String containerId, String workload, HealthCheck check, Instant startedAt);

  /** Stops probing a container. */
  void unwatch(String containerId);

  /** The container's current health. */
  HealthStatus status(String containerId);

  /** No probing at all: every container is unknown. */
  HealthPort NONE =
      new HealthPort() {
        @Override
        public void watch(String containerId, String workload, HealthCheck check, Instant at) {}

        @Override
        public void unwatch(String containerId) {}

        @Override
        public HealthStatus status(String containerId) {
          return HealthStatus.NOT_MONITORED;
        }
      };
}
