package dev.skerry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.core.systemd.NotifyMessage;
import dev.skerry.core.systemd.ServiceManager;
import dev.skerry.core.systemd.ServiceManagers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notify adapter against a real unix datagram socket, as systemd listens on one. */
class NotifySocketTest {
  private static final long PID = ProcessHandle.current().pid();
  @TempDir Path dir;

  @Test
  void datagramsReachASocketFileNamedByNotifySocket() {
    try (NotifySocket systemd = NotifySocket.atPath(dir.resolve("notify"));
        ServiceManager manager =
            ServiceManagers.fromEnvironment(
                Map.of("NOTIFY_SOCKET", systemd.address(), "WATCHDOG_USEC", "2000000"), PID)) {
      assertThat(manager.active()).isTrue();
      assertThat(manager.watchdogTimeout()).contains(Duration.ofSeconds(2));
      manager.notify(NotifyMessage.ready("ready: 0 workloads"));
      manager.notify(NotifyMessage.watchdog());
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(systemd.received())
                      .extracting(NotifySocket.Received::text)
                      .containsExactly("READY=1\nSTATUS=ready: 0 workloads", "WATCHDOG=1"));
    }
  }

  @Test
  void datagramsReachAnAbstractSocketWrittenWithAnAt() {
    String name = "skerry-test-" + PID + "-" + System.nanoTime();
    try (NotifySocket systemd = NotifySocket.abstractNamed(name);
        ServiceManager manager =
            ServiceManagers.fromEnvironment(Map.of("NOTIFY_SOCKET", "@" + name), PID)) {
      manager.notify(NotifyMessage.stopping("bye"));
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(systemd.with("STOPPING=1")).hasSize(1));
      assertThat(systemd.values("STATUS")).containsExactly("bye");
    }
  }

  @Test
  void aSocketThatIsGoneCostsAWarningNotAnException() {
    try (ServiceManager manager =
        ServiceManagers.fromEnvironment(
            Map.of("NOTIFY_SOCKET", dir.resolve("nobody-listens").toString()), PID)) {
      manager.notify(NotifyMessage.watchdog());
      manager.notify(NotifyMessage.watchdog());
      assertThat(manager.active()).isTrue();
    }
  }
}
