package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apply -f FILE}: PUTs each deployment. All files are read and checked before the first
 * request; a deployment the hub rejects is reported and the others are still applied (exit 1).
 */
@Command(
    name = "apply",
    description = "Create or update deployments from YAML or JSON",
    customSynopsis = "skerryctl apply -f FILE [-f FILE...]",
    footer = {
      "",
      "Prints deployment/NAME configured (revision N), or unchanged when the hub kept the"
          + " revision it had.",
      "",
      "Examples:",
      "  skerryctl apply -f web.yaml",
      "  cat all.yaml | skerryctl apply -f -"
    })
final class ApplyCommand implements CliCommand {
  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE",
      description =
          "YAML (several documents separated by ---) or JSON (an object or an array); '-' reads"
              + " standard input; may be repeated")
  List<String> files = new ArrayList<>();

  private final Context ctx;

  ApplyCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public int run() {
    if (files.isEmpty()) {
      throw CliException.usage(
          "apply needs -f FILE", "skerryctl apply -f web.yaml (or -f - for stdin)");
    }
    List<Manifests.Manifest> manifests = new ArrayList<>();
    for (String file : files) {
      manifests.addAll(Manifests.parse(file.equals("-") ? "stdin" : file, read(file)));
    }
    HubClient hub = ctx.hub().get();
    int failed = 0;
    for (Manifests.Manifest m : manifests) {
      try {
        apply(hub, m);
      } catch (CliException e) {
        if (e.exitCode() == CliException.UNREACHABLE) {
          throw e;
        }
        e.print(ctx.err(), "deployment/" + m.name() + " (" + m.origin() + "): ");
        failed++;
      }
    }
    return failed == 0 ? 0 : CliException.API_ERROR;
  }

  private void apply(HubClient hub, Manifests.Manifest m) {
    String path = Resource.DEPLOYMENT.path(m.name());
    Optional<String> before =
        hub.getIfExists(path).map(d -> Long.toString(ApiViews.deployment(d).revision()));
    // The PUT answers {name, revision, changed}, not a deployment view.
    JsonNode answer = hub.put(path, m.body(), m.contentType());
    String revision = Json.text(answer, "revision", "?");
    boolean unchanged = before.isPresent() && revision.equals(before.get());
    ctx.out()
        .println(
            "deployment/"
                + Json.text(answer, "name", m.name())
                + (unchanged ? " unchanged" : " configured")
                + " (revision "
                + revision
                + ")");
  }

  private String read(String file) {
    try {
      if (file.equals("-")) {
        return new String(ctx.in().readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(file));
    } catch (NoSuchFileException e) {
      throw CliException.input("cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw CliException.input("cannot read " + file + ": " + e.getMessage());
    }
  }
}
