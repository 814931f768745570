package dev.skerry.core.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WatchdogTest {
  private static final long S = 1_000_000_000L;
  private final Watchdog watchdog = new Watchdog(Duration.ofSeconds(30));

  @Test
  void pingsWhileTheLoopProgressedWithinTheStallLimit() {
    assertThat(watchdog.shouldPing(100 * S, 100 * S)).isTrue();
    assertThat(watchdog.shouldPing(100 * S, 129 * S)).isTrue();
    assertThat(watchdog.shouldPing(100 * S, 130 * S)).isTrue();
  }

  @Test
  void stopsPingingOnceTheLoopShowedNoProgressForLongerThanTheStallLimit() {
    assertThat(watchdog.shouldPing(100 * S, 130 * S + 1)).isFalse();
    assertThat(watchdog.shouldPing(100 * S, 1000 * S)).isFalse();
  }

  @Test
  void nanoTimeMayBeNegativeAndWrapWithoutConfusingTheDecision() {
    assertThat(watchdog.shouldPing(Long.MAX_VALUE - S, Long.MIN_VALUE + S)).isTrue();
    assertThat(watchdog.shouldPing(-100 * S, -50 * S)).isFalse();
  }

  @Test
  void pingsAtHalfTheTimeoutSystemdGave() {
    assertThat(Watchdog.pingInterval(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(30));
    assertThat(Watchdog.pingInterval(Duration.ofNanos(10))).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void refusesAStallLimitThatIsNotPositive() {
    assertThatThrownBy(() -> new Watchdog(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
