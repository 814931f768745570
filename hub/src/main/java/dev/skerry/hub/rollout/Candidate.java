package dev.skerry.hub.rollout;

import java.util.Objects;

/**
 * A device the deployment targets, as a rollout step sees it.
 *
 * @param progress how far the device is with the rollout's revision
 */
public record Candidate(String id, boolean online, Progress progress) {
  public Candidate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(progress, "progress");
  }
}
