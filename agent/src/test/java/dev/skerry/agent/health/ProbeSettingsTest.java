package dev.skerry.agent.health;

import static dev.skerry.agent.health.Checks.httpGet;
import static dev.skerry.agent.health.Checks.tcpSocket;
import static dev.skerry.agent.health.Checks.withTiming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeSettingsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    ProbeSettings d = ProbeSettings.defaults();
    assertThat(d.period()).isEqualTo(Duration.ofSeconds(10));
    assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.failureThreshold()).isEqualTo(3);
    assertThat(d.successThreshold()).isEqualTo(1);
    assertThat(d.initialDelay()).isEqualTo(Duration.ZERO);
  }

  @Test
  void takesDefaultsWhereTheCheckIsSilent() {
    assertThat(ProbeSettings.from(httpGet(80, "/"))).isEqualTo(ProbeSettings.defaults());
  }

  @Test
  void takesEveryFieldTheCheckSets() {
    ProbeSettings s = ProbeSettings.from(withTiming(tcpSocket(80), 5, 2, 4, 30));
    assertThat(s)
        .isEqualTo(
            new ProbeSettings(
                Duration.ofSeconds(5), Duration.ofSeconds(2), 4, 1, Duration.ofSeconds(30)));
  }

  @Test
  void refusesAnInvalidCheckWithItsErrors() {
    assertThatThrownBy(() -> ProbeSettings.from(withTiming(tcpSocket(0), 0, null, null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("healthCheck.tcpSocket.port: must be between 1 and 65535")
        .hasMessageContaining("healthCheck.periodSeconds: must be positive");
  }

  @Test
  void refusesNonPositiveValuesWhenBuiltDirectly() {
    Duration s = Duration.ofSeconds(1);
    assertThatThrownBy(() -> new ProbeSettings(Duration.ZERO, s, 1, 1, Duration.ZERO))
        .hasMessageContaining("period");
    assertThatThrownBy(() -> new ProbeSettings(s, s.negated(), 1, 1, Duration.ZERO))
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> new ProbeSettings(s, s, 0, 1, Duration.ZERO))
        .hasMessageContaining("failureThreshold");
    assertThatThrownBy(() -> new ProbeSettings(s, s, 1, 0, Duration.ZERO))
        .hasMessageContaining("successThreshold");
    assertThatThrownBy(() -> new ProbeSettings(s, s, 1, 1, s.negated()))
        .hasMessageContaining("initialDelay");
  }
}
