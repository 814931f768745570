package dev.skerry.core.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifyEnvironmentTest {
  private static final long PID = 4242;

  @Test
  void withoutNotifySocketThereIsNoServiceManager() {
    assertThat(NotifyEnvironment.from(Map.of(), PID)).isEmpty();
    assertThat(NotifyEnvironment.from(Map.of("NOTIFY_SOCKET", ""), PID)).isEmpty();
  }

  @Test
  void aPathSocketWithoutWatchdogHasNoWatchdog() {
    NotifyEnvironment env =
        NotifyEnvironment.from(Map.of("NOTIFY_SOCKET", "/run/systemd/notify"), PID).orElseThrow();
    assertThat(env.socket()).isEqualTo("/run/systemd/notify");
    assertThat(env.watchdog()).isNull();
    assertThat(env.warning()).isNull();
  }

  @Test
  void anAbstractSocketIsKeptWithItsAt() {
    assertThat(NotifyEnvironment.from(Map.of("NOTIFY_SOCKET", "@sd-notify"), PID))
        .hasValueSatisfying(env -> assertThat(env.socket()).isEqualTo("@sd-notify"));
  }

  @Test
  void watchdogUsecIsTheTimeout() {
    NotifyEnvironment env =
        NotifyEnvironment.from(
                Map.of("NOTIFY_SOCKET", "/n", "WATCHDOG_USEC", "60000000", "WATCHDOG_PID", "4242"),
                PID)
            .orElseThrow();
    assertThat(env.watchdog()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aWatchdogForAnotherProcessIsNotOurs() {
    NotifyEnvironment env =
        NotifyEnvironment.from(
                Map.of("NOTIFY_SOCKET", "/n", "WATCHDOG_USEC", "60000000", "WATCHDOG_PID", "1"),
                PID)
            .orElseThrow();
    assertThat(env.watchdog()).isNull();
    assertThat(env.socket()).isEqualTo("/n");
  }

  @Test
  void aMalformedWatchdogUsecTurnsTheWatchdogOffWithAWarning() {
    for (String bad : new String[] {"sixty", "0", "-5"}) {
      NotifyEnvironment env =
          NotifyEnvironment.from(Map.of("NOTIFY_SOCKET", "/n", "WATCHDOG_USEC", bad), PID)
              .orElseThrow();
      assertThat(env.watchdog()).as(bad).isNull();
      assertThat(env.warning()).contains("WATCHDOG_USEC=" + bad);
    }
  }

  @Test
  void aSocketThatIsNeitherPathNorAbstractIsIgnoredWithAWarning() {
    NotifyEnvironment env =
        NotifyEnvironment.from(Map.of("NOTIFY_SOCKET", "vsock:2:1234"), PID).orElseThrow();
    assertThat(env.socket()).isNull();
    assertThat(env.warning()).contains("vsock:2:1234");
  }

  @Test
  void withoutNotifySocketTheFactoryLoadsNoNettyAndTellsNobody() {
    ServiceManager none = ServiceManagers.fromEnvironment(Map.of("WATCHDOG_USEC", "1000"), PID);
    assertThat(none.active()).isFalse();
    assertThat(none.watchdogTimeout()).isEmpty();
  }
}
