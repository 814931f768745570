package dev.skerry.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher fast = new PasswordHasher(1_000);

  @Test
  void verifiesThePasswordAHashWasMadeFrom() {
    String stored = fast.hash("correct horse battery".toCharArray());

    assertThat(fast.verify("correct horse battery".toCharArray(), stored)).isTrue();
    assertThat(fast.verify("correct horse batterz".toCharArray(), stored)).isFalse();
  }

  @Test
  void storesTheIterationCountAndARandomSaltButNeverThePassword() {
    String a = fast.hash("correct horse battery".toCharArray());
    String b = fast.hash("correct horse battery".toCharArray());

    assertThat(a).startsWith("pbkdf2-sha256$1000$").doesNotContain("horse").isNotEqualTo(b);
  }

  @Test
  void verifiesAHashMadeWithAnotherIterationCount() {
    String old = new PasswordHasher(500).hash("correct horse battery".toCharArray());

    assertThat(fast.verify("correct horse battery".toCharArray(), old)).isTrue();
  }

  @Test
  void refusesUnreadableHashesWithoutThrowing() {
    char[] pw = "correct horse battery".toCharArray();

    assertThat(fast.verify(pw, null)).isFalse();
    assertThat(fast.verify(pw, "")).isFalse();
    assertThat(fast.verify(pw, "md5$1$abc$def")).isFalse();
    assertThat(fast.verify(pw, "pbkdf2-sha256$x$abc$def")).isFalse();
    assertThat(fast.verify(pw, "pbkdf2-sha256$999999999$AAAA$AAAA")).isFalse();
    assertThat(fast.verify(pw, "pbkdf2-sha256$10$!!$AAAA")).isFalse();
  }

  @Test
  void theHubsCountTakesAMeasurableTimePerHash() {
    PasswordHasher hub = new PasswordHasher(PasswordHasher.ITERATIONS);
    long started = System.nanoTime();
    String stored = hub.hash("correct horse battery".toCharArray());
    long millis = (System.nanoTime() - started) / 1_000_000;

    assertThat(stored).startsWith("pbkdf2-sha256$600000$");
    // Slow enough to hurt a guesser (docs/security.md states the measured time), fast enough to log
    // in.
    assertThat(millis).isBetween(20L, 60_000L);
  }
}
