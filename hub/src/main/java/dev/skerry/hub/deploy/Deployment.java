package dev.skerry.hub.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.labels.Selector;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.hub.store.DeploymentRecord;
import dev.skerry.hub.store.StoreException;
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

  /**
   * The deployment a stored revision holds.
   *
   * @throws StoreException if the stored JSON is not readable
   */
  public static Deployment of(DeploymentRecord r) {
    try {
      return WireJson.mapper().readValue(r.specJson(), Deployment.class);
    } catch (JsonProcessingException e) {
      throw new StoreException(
          "stored deployment " + r.name() + " revision " + r.revision() + " is not readable",
          false,
          e);
    }
  }

  public Deployment withName(String newName) {
    return new Deployment(newName, selector, workloads, strategy);
  }
}
