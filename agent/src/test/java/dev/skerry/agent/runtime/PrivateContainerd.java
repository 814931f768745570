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
public final class PrivateContainerd implements AutoCloseable {
  private final Path dir;
  private Process process;

  private PrivateContainerd(Path dir, Process process) {
    this.dir = dir;
    this.process = process;
  }

  public static PrivateContainerd onTmpfs(int mebibytes) throws Exception {
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
    PrivateContainerd containerd = new PrivateContainerd(dir, launch(dir));
    try {
      containerd.awaitSocket();
      return containerd;
    } catch (Exception | Error e) {
      containerd.close();
      throw e;
    }
  }

  private static Process launch(Path dir) throws IOException {
    return new ProcessBuilder("containerd", "--config", dir.resolve("config.toml").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("containerd.log").toFile()))
        .start();
  }

  private void awaitSocket() throws IOException {
    Process p = process;
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(socket()) || !p.isAlive());
    if (!p.isAlive()) {
      throw new IllegalStateException(
          "containerd did not start: " + Files.readString(dir.resolve("containerd.log")));
    }
  }

  /**
   * Kills containerd with SIGKILL (its shims and the tasks under them keep running, as when
   * containerd crashes or is upgraded) and starts it again on the same root and state.
   */
  public void killAndRestart() throws Exception {
    process.destroyForcibly();
    process.waitFor();
    Files.deleteIfExists(socket());
    process = launch(dir);
    awaitSocket();
  }

  public Path socket() {
    return dir.resolve("c.sock");
  }

  public Path root() {
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
