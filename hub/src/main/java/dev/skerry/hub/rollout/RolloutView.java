package dev.skerry.hub.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.skerry.core.spec.RolloutStrategy;
import java.time.Instant;
import java.util.List;

/**
 * A deployment's rollout as the API shows it.
 *
 * @param wave the current wave, counted from 1
 * @param targeted devices the deployment's selector matches now
 * @param updated devices the rollout has reached (given the new revision)
 * @param pending of those, offline and not yet on the revision
 * @param devices per-device status; only on a single deployment's view
 * @param events the newest transitions, oldest first; only on a single deployment's view
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutView(
    String state,
    long revision,
    long stableRevision,
    String type,
    int wave,
    List<Integer> waves,
    int targeted,
    int updated,
    int healthy,
    int failed,
    int pending,
    String message,
    Instant startedAt,
    Instant updatedAt,
    List<DeviceStatus> devices,
    List<Event> events) {

  /** One device the rollout has reached. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeviceStatus(
      String id, String status, int wave, Instant assignedAt, Instant since, String message) {}

  /** One transition. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Event(Instant at, long revision, String kind, String message) {}

  static RolloutView of(
      Rollout r,
      RolloutStrategy strategy,
      int targeted,
      List<RolloutMember> members,
      List<RolloutEvent> events,
      boolean detailed) {
    int healthy = 0;
    int failed = 0;
    int pending = 0;
    for (RolloutMember m : members) {
      switch (m.status()) {
        case RolloutStates.DEVICE_HEALTHY -> healthy++;
        case RolloutStates.DEVICE_FAILED -> failed++;
        case RolloutStates.DEVICE_PENDING -> pending++;
        default -> {}
      }
    }
    return new RolloutView(
        r.state(),
        r.revision(),
        r.stableRevision(),
        strategy.type(),
        r.wave() + 1,
        strategy.waves(),
        targeted,
        members.size(),
        healthy,
        failed,
        pending,
        r.message(),
        r.startedAt(),
        r.updatedAt(),
        detailed
            ? members.stream()
                .map(
                    m ->
                        new DeviceStatus(
                            m.deviceId(),
                            m.status(),
                            m.wave() + 1,
                            m.assignedAt(),
                            m.since(),
                            m.message()))
                .toList()
            : null,
        detailed
            ? events.stream()
                .map(e -> new Event(e.at(), e.revision(), e.kind(), e.message()))
                .toList()
            : null);
  }
}
