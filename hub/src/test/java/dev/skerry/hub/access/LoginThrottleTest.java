package dev.skerry.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static final Instant T0 = Instant.parse("2026-12-04T00:00:00Z");
  private final LoginThrottle throttle = new LoginThrottle();

  private void fail(String key, int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(key, T0);
    }
  }

  @Test
  void letsTheFirstFailuresThroughWithoutWaiting() {
    fail("user:ana", LoginThrottle.FREE_FAILURES - 1);

    assertThat(throttle.waitFor("user:ana", T0)).isEmpty();
  }

  @Test
  void makesTheNextAttemptWaitOnceTheFreeFailuresAreUsed() {
    fail("user:ana", LoginThrottle.FREE_FAILURES);

    assertThat(throttle.waitFor("user:ana", T0)).contains(Duration.ofSeconds(5));
    assertThat(throttle.waitFor("user:ana", T0.plusSeconds(4))).contains(Duration.ofSeconds(1));
    assertThat(throttle.waitFor("user:ana", T0.plusSeconds(5))).isEmpty();
  }

  @Test
  void doublesTheWaitWithEachFurtherFailure() {
    fail("user:ana", LoginThrottle.FREE_FAILURES + 3);

    assertThat(throttle.waitFor("user:ana", T0)).contains(Duration.ofSeconds(40));
  }

  @Test
  void neverWaitsLongerThanTheCap() {
    fail("address:10.0.0.1", 60);

    assertThat(throttle.waitFor("address:10.0.0.1", T0)).contains(LoginThrottle.MAX_DELAY);
  }

  @Test
  void aSuccessClearsTheFailures() {
    fail("user:ana", 10);
    throttle.succeeded("user:ana");

    assertThat(throttle.waitFor("user:ana", T0)).isEmpty();
  }

  @Test
  void keysAreCountedApart() {
    fail("user:ana", 10);

    assertThat(throttle.waitFor("user:bo", T0)).isEmpty();
  }

  @Test
  void remembersABoundedNumberOfKeys() {
    for (int i = 0; i < LoginThrottle.MAX_KEYS + 50; i++) {
      throttle.failed("address:" + i, T0.plusMillis(i));
    }

    assertThat(throttle.waitFor("address:0", T0)).isEmpty(); // the oldest was forgotten
    assertThat(LoginThrottle.delay(LoginThrottle.FREE_FAILURES)).isEqualTo(Duration.ofSeconds(5));
  }
}
