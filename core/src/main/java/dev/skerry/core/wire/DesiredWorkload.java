package dev.skerry.core.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One workload of a device's desired document, with the deployment it comes from and the deployment
 * revision it belongs to (the value of the container label {@code skerry.revision}).
 *
 * @param rollout how the agent guards an update to this revision; null means the defaults of {@link
 *     Rollout}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DesiredWorkload(
    String deployment, long revision, WorkloadSpec spec, Rollout rollout) {
  public DesiredWorkload {
    Objects.requireNonNull(spec, "spec");
  }

  public DesiredWorkload(String deployment, long revision, WorkloadSpec spec) {
    this(deployment, revision, spec, null);
  }

  public String name() {
    return spec.name();
  }

  /** The rollout guard, with defaults filled in. */
  public Rollout rolloutOrDefault() {
    return rollout == null ? Rollout.DEFAULT : rollout.withDefaults();
  }

  /**
   * The device side of a deployment's rollout strategy.
   *
   * @param progressDeadlineSeconds an updated workload must be ready this long after the agent
   *     first acted on it, or the agent goes back to the last-known-good revision
   * @param minReadySeconds without a health check, a container is ready once it has run this long
   *     without a restart
   * @param autoRollback whether the agent rolls back on its own when the deadline passes
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rollout(
      Integer progressDeadlineSeconds, Integer minReadySeconds, Boolean autoRollback) {
    public static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;
    public static final int DEFAULT_MIN_READY_SECONDS = 10;
    public static final Rollout DEFAULT =
        new Rollout(DEFAULT_PROGRESS_DEADLINE_SECONDS, DEFAULT_MIN_READY_SECONDS, true);

    public Rollout withDefaults() {
      return new Rollout(
          progressDeadlineSeconds == null
              ? DEFAULT_PROGRESS_DEADLINE_SECONDS
              : progressDeadlineSeconds,
          minReadySeconds == null ? DEFAULT_MIN_READY_SECONDS : minReadySeconds,
          autoRollback == null || autoRollback);
    }
  }
}
