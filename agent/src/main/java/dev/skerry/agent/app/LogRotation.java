package dev.skerry.agent.app;

import dev.skerry.agent.runtime.LogFiles;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@link #PERIOD}, rotates container logs past the cap ({@link LogFiles#rotate}). The check
 * is a directory listing and a size per file; the work runs on a Vert.x worker thread.
 */
final class LogRotation implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LogRotation.class.getName());
  static final Duration PERIOD = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final long timer;

  private LogRotation(Vertx vertx, long timer) {
    this.vertx = vertx;
    this.timer = timer;
  }

  static LogRotation start(Vertx vertx, Path logsDir, long maxBytes) {
    return start(vertx, logsDir, maxBytes, PERIOD);
  }

  static LogRotation start(Vertx vertx, Path logsDir, long maxBytes, Duration period) {
    long timer =
        vertx.setPeriodic(
            period.toMillis(),
            id ->
                vertx
                    .executeBlocking(() -> LogFiles.rotate(logsDir, maxBytes), false)
                    .onFailure(e -> LOG.log(Level.WARNING, "log rotation failed", e)));
    return new LogRotation(vertx, timer);
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
  }
}
