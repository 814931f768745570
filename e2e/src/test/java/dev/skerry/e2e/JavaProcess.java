package dev.skerry.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A packaged Skerry jar running as its own process, its output in a log file. */
final class JavaProcess implements AutoCloseable {
  private final String name;
  private final Path log;
  private final Process process;

  private JavaProcess(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  static JavaProcess start(String name, Path jar, List<String> jvmFlags, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    try {
      Files.createDirectories(TestEnv.logs());
      Path log = TestEnv.logs().resolve(name + "-" + System.currentTimeMillis() + ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new JavaProcess(name, log, process);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The last lines of its log, for failure messages. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return name
          + " log "
          + log
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return name + " log unreadable: " + e;
    }
  }

  /** Like a power cut for this process: SIGKILL, no shutdown hooks. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
