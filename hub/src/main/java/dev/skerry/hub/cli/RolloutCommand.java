package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.Map;

/** {@code rollout status|pause|resume|undo NAME}. */
final class RolloutCommand {
  /** Each action, the path under the deployment it POSTs to, and the word it prints. */
  private static final Map<String, String[]> ACTIONS =
      Map.of(
          "pause", new String[] {"pause", "paused"},
          "resume", new String[] {"resume", "resumed"},
          "undo", new String[] {"rollback", "rolled back"});

  private final Context ctx;

  RolloutCommand(Context ctx) {
    this.ctx = ctx;
  }

  int run(ParsedArgs args) {
    String action = args.word(1).orElse("");
    if (!action.equals("status") && !ACTIONS.containsKey(action)) {
      throw CliException.usage(
          (action.isEmpty() ? "missing" : "unknown")
              + " rollout action"
              + (action.isEmpty() ? "" : " '" + action + "'"),
          "use skerryctl rollout status|pause|resume|undo NAME");
    }
    if (args.words().size() != 3) {
      throw CliException.usage(
          "rollout " + action + " needs one deployment NAME",
          "skerryctl rollout " + action + " web");
    }
    String name = args.words().get(2);
    String path = Resource.DEPLOYMENT.path(name);
    if (action.equals("status")) {
      OutputFormat format = OutputFormat.of(args, EnumSet.of(OutputFormat.JSON, OutputFormat.YAML));
      return status(name, ctx.hub().get().get(path), format);
    }
    if (args.has(Flag.OUTPUT)) {
      throw CliException.usage("-o is for rollout status only", null);
    }
    String[] a = ACTIONS.get(action);
    JsonNode answer = ctx.hub().get().post(path + "/" + a[0]);
    String revision = Json.text(answer, "revision", null);
    ctx.out()
        .println(
            "deployment/"
                + name
                + " "
                + a[1]
                + (revision == null ? "" : " (revision " + revision + ")"));
    return 0;
  }

  private int status(String name, JsonNode deployment, OutputFormat format) {
    JsonNode rollout = deployment.path("rollout");
    switch (format) {
      case JSON ->
          ctx.out().println(Json.pretty(rollout.isMissingNode() ? Json.JSON.nullNode() : rollout));
      case YAML ->
          ctx.out().println(Json.yaml(rollout.isMissingNode() ? Json.JSON.nullNode() : rollout));
      default -> {
        String revision = Json.text(deployment, "revision", "?");
        if (!rollout.isObject()) {
          ctx.out().println("deployment/" + name + " (revision " + revision + ") has no rollout");
        } else {
          ctx.out().println("deployment/" + name + " (revision " + revision + ")");
          Fields f = new Fields();
          DeploymentDescriber.rollout(f, rollout);
          ctx.out().print(f.render());
        }
      }
    }
    return 0;
  }
}
