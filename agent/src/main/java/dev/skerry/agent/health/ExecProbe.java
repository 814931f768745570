package dev.skerry.agent.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Runs a command inside the container through an {@link ExecRunner}: exit code 0 passes. The
 * runner's future is brought back onto the caller's event loop, and bounded by the timeout here
 * too, so a runner that never answers cannot stall the probe loop.
 */
public final class ExecProbe implements Probe {
  private final Vertx vertx;
  private final ExecRunner runner;
  private final String containerId;
  private final List<String> argv;
  private final Duration timeout;

  public ExecProbe(
      Vertx vertx, ExecRunner runner, String containerId, List<String> argv, Duration timeout) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.containerId = Objects.requireNonNull(containerId, "containerId");
    this.argv = List.copyOf(argv);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public Future<ProbeOutcome> check() {
    Future<ProbeOutcome> work;
    try {
      work =
          Future.fromCompletionStage(
                  runner.exec(containerId, argv, timeout), vertx.getOrCreateContext())
              .map(ExecProbe::outcome);
    } catch (RuntimeException e) { // a runner bug must not end the probe loop
      work = Future.succeededFuture(ProbeOutcome.failure(Deadline.describe(e)));
    }
    return Deadline.within(vertx, timeout, work, () -> {});
  }

  private static ProbeOutcome outcome(ExecResult result) {
    String text = "exit code " + result.exitCode();
    String output = result.outputSnippet().strip();
    if (!output.isEmpty()) {
      text = text + ": " + output;
    }
    return result.exitCode() == 0 ? ProbeOutcome.success(text) : ProbeOutcome.failure(text);
  }
}
