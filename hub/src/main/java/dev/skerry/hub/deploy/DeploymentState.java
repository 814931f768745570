package dev.skerry.hub.deploy;

import java.time.Instant;
import java.util.List;

/** A deployment as the hub holds it: the spec, its revision, and the conflicts it is part of. */
public record DeploymentState(
    Deployment deployment,
    long revision,
    String contentHash,
    Instant createdAt,
    Instant updatedAt,
    List<Conflict> conflicts) {}
