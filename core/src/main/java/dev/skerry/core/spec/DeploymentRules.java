package dev.skerry.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.labels.Selector;
import dev.skerry.core.wire.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a deployment as the operator writes it: its name, its selector, its workloads (see
 * {@link WorkloadSpecRules}) and its rollout strategy (see {@link RolloutStrategy}). Pure; every
 * error with its field path.
 */
public final class DeploymentRules {
  private DeploymentRules() {}

  public static List<FieldError> validate(
      String name, Selector selector, List<WorkloadSpec> workloads, JsonNode strategy) {
    List<FieldError> errors = new ArrayList<>();
    Names.check(errors, "name", name);
    if (selector == null) {
      errors.add(
          new FieldError("selector", "required (use {\"matchLabels\":{}} to target every device)"));
    } else {
      errors.addAll(selector.validate("selector"));
    }
    if (workloads == null || workloads.isEmpty()) {
      errors.add(new FieldError("workloads", "must list at least one workload"));
    } else {
      errors.addAll(WorkloadSpecRules.validate("workloads", workloads));
    }
    errors.addAll(RolloutStrategy.validate(strategy));
    return List.copyOf(errors);
  }
}
