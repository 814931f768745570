package dev.skerry.core.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NotifyMessageTest {
  @Test
  void readinessCarriesTheFirstStatusLineInTheSameDatagram() {
    assertThat(NotifyMessage.ready("3 workloads running"))
        .isEqualTo("READY=1\nSTATUS=3 workloads running");
  }

  @Test
  void theWatchdogPingIsTheBareAssignment() {
    assertThat(NotifyMessage.watchdog()).isEqualTo("WATCHDOG=1");
  }

  @Test
  void stoppingSaysWhyInAStatusLine() {
    assertThat(NotifyMessage.stopping("stopping; workloads keep running"))
        .isEqualTo("STOPPING=1\nSTATUS=stopping; workloads keep running");
  }

  @Test
  void aStatusTextCannotSmuggleInAnotherAssignment() {
    assertThat(NotifyMessage.status("refused: bad\nMAINPID=1\r\tx"))
        .isEqualTo("STATUS=refused: bad MAINPID=1  x")
        .doesNotContain("\n");
  }

  @Test
  void aLongStatusTextIsCut() {
    assertThat(NotifyMessage.status("x".repeat(1000)))
        .hasSize("STATUS=".length() + NotifyMessage.MAX_STATUS);
  }

  @Test
  void aMissingStatusTextIsEmpty() {
    assertThat(NotifyMessage.status(null)).isEqualTo("STATUS=");
  }

  @Test
  void theStartTimeoutExtensionIsInMicroseconds() {
    assertThat(NotifyMessage.extendTimeout(Duration.ofMillis(1500)))
        .isEqualTo("EXTEND_TIMEOUT_USEC=1500000");
  }
}
