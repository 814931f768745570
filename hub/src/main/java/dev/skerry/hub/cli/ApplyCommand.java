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

/**
 * {@code apply -f FILE}: PUTs each deployment. All files are read and checked before the first
 * request; a deployment the hub rejects is reported and the others are still applied (exit 1).
 */
final class ApplyCommand {
  private final Context ctx;

  ApplyCommand(Context ctx) {
    this.ctx = ctx;
  }

  int run(ParsedArgs args) {
    if (args.words().size() > 1) {
      throw CliException.usage(
          "unexpected argument '" + args.words().get(1) + "'", "skerryctl apply -f FILE");
    }
    List<String> files = args.values(Flag.FILENAME);
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
    Optional<String> before = hub.getIfExists(path).map(d -> Json.text(d, "revision", null));
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
