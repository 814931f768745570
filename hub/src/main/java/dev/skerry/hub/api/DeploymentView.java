package dev.skerry.hub.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.labels.Selector;
import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.hub.deploy.Conflict;
import dev.skerry.hub.deploy.DeploymentState;
import dev.skerry.hub.rollout.RolloutView;
import java.time.Instant;
import java.util.List;

/** A deployment as the REST API shows it: the spec plus revision, hash, times and conflicts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentView(
    String name,
    Selector selector,
    List<WorkloadSpec> workloads,
    JsonNode strategy,
    long revision,
    String contentHash,
    Instant createdAt,
    Instant updatedAt,
    List<Conflict> conflicts,
    RolloutView rollout) {

  static DeploymentView of(DeploymentState s) {
    return new DeploymentView(
        s.deployment().name(),
        s.deployment().selector(),
        s.deployment().workloads(),
        s.deployment().strategy(),
        s.revision(),
        s.contentHash(),
        s.createdAt(),
        s.updatedAt(),
        s.conflicts(),
        s.rollout());
  }
}
