package dev.skerry.hub.deploy;

import java.util.Set;

/** Which devices get a deployment's newest revision; the others get its stable revision. */
@FunctionalInterface
public interface RevisionChoice {
  RevisionChoice ALL_CURRENT = id -> true;
  RevisionChoice ALL_STABLE = id -> false;

  boolean current(String deviceId);

  /** Only the devices a rollout has reached. */
  static RevisionChoice only(Set<String> deviceIds) {
    Set<String> ids = Set.copyOf(deviceIds);
    return ids::contains;
  }
}
