package dev.skerry.hub.cli;

import dev.skerry.core.labels.LabelExpression;
import dev.skerry.hub.api.DeploymentView;
import dev.skerry.hub.rollout.RolloutView;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** The {@code get deployments} table; {@code wide} adds IMAGES and STRATEGY. */
final class DeploymentTable {
  private DeploymentTable() {}

  static Table of(List<DeploymentView> deployments, boolean wide) {
    List<String> headers =
        new ArrayList<>(List.of("NAME", "REVISION", "SELECTOR", "WORKLOADS", "ROLLOUT"));
    if (wide) {
      headers.addAll(List.of("IMAGES", "STRATEGY"));
    }
    Table table = new Table(headers);
    for (DeploymentView d : deployments) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  d.name() == null ? "" : d.name(),
                  Long.toString(d.revision()),
                  selector(d),
                  Integer.toString(ApiViews.list(d.workloads()).size()),
                  rollout(d.rollout())));
      if (wide) {
        StringJoiner images = new StringJoiner(",");
        ApiViews.list(d.workloads()).forEach(w -> images.add(w.image() == null ? "?" : w.image()));
        row.add(images.toString());
        row.add(d.strategy() == null ? "-" : Json.text(d.strategy(), "type", "-"));
      }
      table.row(row);
    }
    return table;
  }

  /**
   * {@code k=v,...} of {@code selector.matchLabels}, then {@code matchExpressions} as {@code k in
   * (a,b)}, {@code k notin (a)}, {@code k}, {@code !k}; {@code <all>} when empty (it matches every
   * device).
   */
  static String selector(DeploymentView deployment) {
    if (deployment.selector() == null) {
      return "<all>";
    }
    String labels = Json.labels(Json.sorted(deployment.selector().matchLabels()), "");
    StringJoiner j = new StringJoiner(",");
    if (!labels.isEmpty()) {
      j.add(labels);
    }
    ApiViews.list(deployment.selector().matchExpressions()).forEach(e -> j.add(expression(e)));
    return j.length() == 0 ? "<all>" : j.toString();
  }

  private static String expression(LabelExpression e) {
    String values = "(" + String.join(",", ApiViews.list(e.values())) + ")";
    return switch (e.operator() == null ? "" : e.operator()) {
      case "In" -> e.key() + " in " + values;
      case "NotIn" -> e.key() + " notin " + values;
      case "Exists" -> e.key();
      case "DoesNotExist" -> "!" + e.key();
      default -> Flat.of(ApiViews.tree(e));
    };
  }

  /** {@code progressing 3/10} (updated of targeted devices), or {@code -} without a rollout. */
  static String rollout(RolloutView rollout) {
    if (rollout == null) {
      return "-";
    }
    return (rollout.state() == null ? "<unknown>" : rollout.state())
        + " "
        + rollout.updated()
        + "/"
        + rollout.targeted();
  }
}
