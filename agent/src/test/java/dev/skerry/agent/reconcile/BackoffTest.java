package dev.skerry.agent.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
  @ParameterizedTest(name = "streak {0} waits {1} s")
  @CsvSource({
    "-1,10", "0,10", "1,20", "2,40", "3,80", "4,160", "5,300", "6,300", "31,300", "64,300"
  })
  void doublesFromTenSecondsUpToFiveMinutes(int streak, long seconds) {
    assertThat(Backoff.delay(streak)).isEqualTo(Duration.ofSeconds(seconds));
  }
}
