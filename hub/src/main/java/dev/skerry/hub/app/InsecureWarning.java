package dev.skerry.hub.app;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While {@code --insecure-anonymous-mqtt} is on, says so every minute: it must not be forgotten.
 */
final class InsecureWarning implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InsecureWarning.class);
  private final ScheduledExecutorService timer;

  private InsecureWarning(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  static InsecureWarning start() {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "skerry-hub-insecure-warning");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        () ->
            LOG.warn(
                "--insecure-anonymous-mqtt is on: anyone who reaches the broker can act as any"
                    + " device and send desired state; for experiments only"),
        0,
        1,
        TimeUnit.MINUTES);
    return new InsecureWarning(timer);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
