package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.hub.api.DeploymentView;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rollout status|pause|resume|undo NAME}. */
@Command(
    name = "rollout",
    description = "Show, pause, resume or undo a deployment's rollout",
    customSynopsis = "skerryctl rollout status|pause|resume|undo NAME [-o json|yaml]",
    footer = {
      "",
      "  status   print the rollout's state, counts, devices and events",
      "  pause    stop promoting further waves",
      "  resume   continue a paused rollout",
      "  undo     roll back to the previous revision",
      "",
      "Example:",
      "  skerryctl rollout status web"
    })
final class RolloutCommand implements CliCommand {
  /** Each action, the path under the deployment it POSTs to, and the word it prints. */
  private static final Map<String, String[]> ACTIONS =
      Map.of(
          "pause", new String[] {"pause", "paused"},
          "resume", new String[] {"resume", "resumed"},
          "undo", new String[] {"rollback", "rolled back"});

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "ACTION",
      completionCandidates = Actions.class,
      description = "status, pause, resume or undo")
  String action;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME", description = "a deployment")
  List<String> names = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      completionCandidates = OutputFormat.Names.class,
      description = "status only: json or yaml (the rollout object)")
  String output;

  private final Context ctx;

  RolloutCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    String a = action == null ? "" : action;
    if (!a.equals("status") && !ACTIONS.containsKey(a)) {
      throw CliException.usage(
          (a.isEmpty() ? "missing" : "unknown")
              + " rollout action"
              + (a.isEmpty() ? "" : " '" + a + "'"),
          "use skerryctl rollout status|pause|resume|undo NAME");
    }
    if (names.size() != 1) {
      throw CliException.usage(
          "rollout " + a + " needs one deployment NAME", "skerryctl rollout " + a + " web");
    }
    String name = names.get(0);
    String path = Resource.DEPLOYMENT.path(name);
    if (a.equals("status")) {
      OutputFormat format =
          OutputFormat.of(output, EnumSet.of(OutputFormat.JSON, OutputFormat.YAML));
      return status(name, ctx.hub().get().get(path), format);
    }
    if (output != null) {
      throw CliException.usage("-o is for rollout status only", null);
    }
    String[] post = ACTIONS.get(a);
    // The actions answer {name, revision, stableRevision, state}, not a deployment view.
    JsonNode answer = ctx.hub().get().post(path + "/" + post[0]);
    String revision = Json.text(answer, "revision", null);
    ctx.out()
        .println(
            "deployment/"
                + name
                + " "
                + post[1]
                + (revision == null ? "" : " (revision " + revision + ")"));
    return 0;
  }

  private int status(String name, JsonNode answer, OutputFormat format) {
    JsonNode rollout = answer.path("rollout");
    switch (format) {
      case JSON ->
          ctx.out().println(Json.pretty(rollout.isMissingNode() ? Json.JSON.nullNode() : rollout));
      case YAML ->
          ctx.out().println(Json.yaml(rollout.isMissingNode() ? Json.JSON.nullNode() : rollout));
      default -> {
        DeploymentView deployment = ApiViews.deployment(answer);
        String head = "deployment/" + name + " (revision " + deployment.revision() + ")";
        if (deployment.rollout() == null) {
          ctx.out().println(head + " has no rollout");
        } else {
          ctx.out().println(head);
          Fields f = new Fields();
          DeploymentDescriber.rollout(f, deployment.rollout());
          ctx.out().print(f.render());
        }
      }
    }
    return 0;
  }

  /** What shell completion offers for the action. */
  static final class Actions implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("status", "pause", "resume", "undo").iterator();
    }
  }
}
