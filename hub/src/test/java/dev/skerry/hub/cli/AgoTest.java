package dev.skerry.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgoTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  @ParameterizedTest
  @CsvSource({
    "2026-11-27T11:59:55Z, 5s",
    "2026-11-27T11:59:00.001Z, 59s",
    "2026-11-27T11:57:00Z, 3m",
    "2026-11-27T10:00:01Z, 1h",
    "2026-11-27T10:00:00Z, 2h",
    "2026-11-25T11:00:00Z, 2d",
    "2026-11-27T13:00:00+01:00, 0s",
    "2026-11-27T12:00:30Z, 0s"
  })
  void showsTheLargestWholeUnit(String iso, String expected) {
    assertThat(Ago.format(OffsetDateTime.parse(iso).toInstant(), NOW)).isEqualTo(expected);
  }
}
