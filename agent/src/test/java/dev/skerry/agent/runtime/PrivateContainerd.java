package dev.skerry.agent.runtime;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A containerd of a test's own whose root is a small tmpfs, to fill its disk without touching the
 * shared one of dev/testenv.sh (needs root, as that one does).
 */
final class PrivateContainerd implements AutoCloseable {
  private final Path dir;
  private final Process process;

  private PrivateContainerd(Path dir, Process process) {
    this.dir = dir;
    this.process = process;
  }

  static PrivateContainerd onTmpfs(int mebibytes) throws Exception {
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "skerry-ctd");
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(dir.resolve("state"));
    Files.createDirectories(dir.resolve("opt"));
    exec("mount", "-t", "tmpfs", "-o", "size=" + mebibytes + "m", "tmpfs", root.toString());
    Files.writeString(
        dir.resolve("config.toml"),
        String.join(
            "\n",
            "version = 2",
            "root = \"" + root + "\"",
            "state = \"" + dir.resolve("state") + "\"",
            "disabled_plugins = [\"io.containerd.grpc.v1.cri\"]",
            "[grpc]",
            "  address = \"" + dir.resolve("c.sock") + "\"",
            "[ttrpc]",
            "  address = \"" + dir.resolve("c.sock.ttrpc") + "\"",
            "[metrics]",
            "  address = \"\"",
            "[plugins]",
            "  [plugins.\"io.containerd.internal.v1.opt\"]",
            "    path = \"" + dir.resolve("opt") + "\"",
            ""));
    Process process =
        new ProcessBuilder("containerd", "--config", dir.resolve("config.toml").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("containerd.log").toFile())
            .start();
    PrivateContainerd containerd = new PrivateContainerd(dir, process);
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Files.exists(containerd.socket()) || !process.isAlive());
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "containerd did not start: " + Files.readString(dir.resolve("containerd.log")));
      }
      return containerd;
    } catch (Exception | Error e) {
      containerd.close();
      throw e;
    }
  }

  Path socket() {
    return dir.resolve("c.sock");
  }

  Path root() {
    return dir.resolve("root");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
      exec("umount", "-l", root().toString());
    } catch (Exception e) {
      // best effort
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp dir
    }
  }

  private static void exec(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }
}
