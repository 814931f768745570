package dev.skerry.hub.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.proto.msg.WorkloadSpec;
import java.util.List;

/**
 * A deployment as the operator writes it.
 *
 * @param strategy the rollout strategy, kept as given until the rollout controller reads it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deployment(
    String name, Selector selector, List<WorkloadSpec> workloads, JsonNode strategy) {
  public Deployment {
    workloads = workloads == null ? null : List.copyOf(workloads);
  }

  public Deployment withName(String newName) {
    return new Deployment(newName, selector, workloads, strategy);
  }
}
