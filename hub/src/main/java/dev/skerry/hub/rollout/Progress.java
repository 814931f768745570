package dev.skerry.hub.rollout;

import java.util.Objects;

/**
 * How far one device is with one revision of a deployment, read from its last report.
 *
 * @param taken whether the device has reported anything of this revision (running it, pulling it,
 *     or having given up on it)
 * @param message what the device says, for the operator; null if nothing
 */
public record Progress(Kind kind, boolean taken, String message) {
  public enum Kind {
    /** Every workload of the deployment runs the revision and is ready. */
    HEALTHY,
    /** The device gave up on the revision (it rolled back on its own). */
    FAILED,
    /** Neither yet. */
    UPDATING
  }

  public Progress {
    Objects.requireNonNull(kind, "kind");
  }

  public static Progress healthy() {
    return new Progress(Kind.HEALTHY, true, null);
  }

  public static Progress failed(String message) {
    return new Progress(Kind.FAILED, true, message);
  }

  public static Progress updating(boolean taken, String message) {
    return new Progress(Kind.UPDATING, taken, message);
  }
}
