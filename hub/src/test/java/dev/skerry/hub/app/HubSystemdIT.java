package dev.skerry.hub.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.core.systemd.ServiceManager;
import dev.skerry.core.systemd.ServiceManagers;
import dev.skerry.testsupport.NotifySocket;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real hub (SQLite, embedded broker, REST) under a notify socket as systemd gives it: ready once
 * it listens, pings while its control loop answers, none while that loop hangs.
 */
class HubSystemdIT {
  private static final Duration WATCHDOG = Duration.ofSeconds(1);
  private static final Duration STALL_LIMIT = Duration.ofSeconds(3);

  @TempDir Path dir;
  private final CountDownLatch hang = new CountDownLatch(1);
  private NotifySocket systemd;
  private ServiceManager manager;
  private Hub hub;
  private HubSupervision supervision;

  @AfterEach
  void cleanUp() {
    hang.countDown();
    if (supervision != null) {
      supervision.close();
    }
    if (hub != null) {
      hub.close();
    }
    if (manager != null) {
      manager.close();
    }
    if (systemd != null) {
      systemd.close();
    }
  }

  @Test
  void isReadyOnceItListensPingsWhileItsLoopsAnswerAndStopsPingingWhenTheControlLoopHangs()
      throws Exception {
    systemd = NotifySocket.atPath(dir.resolve("notify"));
    manager =
        ServiceManagers.fromEnvironment(
            Map.of(
                "NOTIFY_SOCKET",
                systemd.address(),
                "WATCHDOG_USEC",
                Long.toString(WATCHDOG.toNanos() / 1000)),
            ProcessHandle.current().pid());
    hub = Hub.start(config(), Clock.systemUTC());
    supervision = HubSupervision.ready(manager, hub, "serving on " + hub.httpPort(), STALL_LIMIT);

    await("READY=1").atMost(Duration.ofSeconds(5)).until(() -> !systemd.with("READY=1").isEmpty());
    assertThat(systemd.values("STATUS")).first().isEqualTo("serving on " + hub.httpPort());
    await("pings")
        .atMost(Duration.ofSeconds(5))
        .until(() -> systemd.with("WATCHDOG=1").size() >= 4);

    hub.controlLoop()
        .submit(
            () -> {
              try {
                hang.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return null;
            });
    await("the pings stop")
        .atMost(STALL_LIMIT.plusSeconds(5))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> quietFor(Duration.ofSeconds(2)));
    int stalled = systemd.with("WATCHDOG=1").size();
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
    assertThat(systemd.with("WATCHDOG=1")).as("no ping while hung").hasSize(stalled);

    hang.countDown();
    await("the pings resume")
        .atMost(Duration.ofSeconds(5))
        .until(() -> systemd.with("WATCHDOG=1").size() > stalled);

    supervision.stopping();
    await().atMost(Duration.ofSeconds(5)).until(() -> systemd.with("STOPPING=1").size() == 1);
  }

  private boolean quietFor(Duration quiet) {
    List<NotifySocket.Received> pings = systemd.with("WATCHDOG=1");
    long last = pings.isEmpty() ? 0 : pings.get(pings.size() - 1).atNanos();
    return System.nanoTime() - last > quiet.toNanos();
  }

  private HubConfig config() throws IOException {
    return new HubConfig(
        Optional.empty(),
        "127.0.0.1",
        0,
        dir.resolve("data"),
        Optional.empty(),
        Optional.empty(),
        "127.0.0.1",
        freePort(),
        Optional.empty());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
