package dev.skerry.hub.deploy;

import dev.skerry.hub.rollout.RolloutView;
import java.time.Instant;
import java.util.List;

/**
 * A deployment as the hub holds it: the spec, its revision, the conflicts it is part of and its
 * rollout (null if it never had one).
 */
public record DeploymentState(
    Deployment deployment,
    long revision,
    String contentHash,
    Instant createdAt,
    Instant updatedAt,
    List<Conflict> conflicts,
    RolloutView rollout) {}
