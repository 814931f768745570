package dev.skerry.agent.health;

import dev.skerry.core.concurrent.RunsOnEventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a command inside a running container. The containerd runtime implements it with Tasks.Exec;
 * tests use a fake.
 *
 * <p>{@link #exec} must not block its caller (it is called on the event loop); the future may
 * complete on any thread. The implementation kills the process when {@code timeout} passes and
 * completes exceptionally if the command could not be run at all.
 */
public interface ExecRunner {

  /** Runs {@code argv} in the container's task and reports its exit code and some output. */
  @RunsOnEventLoop
  CompletableFuture<ExecResult> exec(String containerId, List<String> argv, Duration timeout);

  /** Whether this runner can run commands at all; see {@link #unavailable()}. */
  default boolean available() {
    return true;
  }

  /**
   * A runner for an agent whose runtime cannot exec yet. Exec checks are then not probed and stay
   * unknown, rather than failing and getting healthy containers restarted.
   */
  static ExecRunner unavailable() {
    return new ExecRunner() {
      @Override
      public CompletableFuture<ExecResult> exec(
          String containerId, List<String> argv, Duration timeout) {
        return CompletableFuture.failedFuture(
            new UnsupportedOperationException("this runtime cannot exec in containers yet"));
      }

      @Override
      public boolean available() {
        return false;
      }
    };
  }
}
