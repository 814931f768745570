package dev.skerry.hub.rollout;

import dev.skerry.core.wire.RolloutState;

/**
 * The names of rollout and rollout-device states, as stored and shown. The rollout states are the
 * wire names of {@link RolloutState}, kept as constants here for {@code switch} over stored rows.
 */
public final class RolloutStates {
  public static final String PROGRESSING = "progressing";
  public static final String PAUSED = "paused";
  public static final String COMPLETE = "complete";
  public static final String FAILED = "failed";
  public static final String ROLLEDBACK = "rolledback";

  public static final String DEVICE_PENDING = "pending";
  public static final String DEVICE_UPDATING = "updating";
  public static final String DEVICE_HEALTHY = "healthy";
  public static final String DEVICE_FAILED = "failed";

  private RolloutStates() {}

  /** Whether a rollout in this state still moves (or may move again after a resume). */
  public static boolean active(String state) {
    RolloutState s = RolloutState.of(state).orElse(null);
    return s == RolloutState.PROGRESSING || s == RolloutState.PAUSED;
  }
}
