package dev.skerry.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorTest {
  private static final Map<String, String> BERLIN_EDGE = Map.of("site", "berlin", "tier", "edge");

  @Test
  void matchesThroughTheSharedLabelSelector() {
    assertThat(Selector.parse("site=berlin,!gpu").matches(BERLIN_EDGE)).isTrue();
    assertThat(Selector.parse("tier!=edge").matches(BERLIN_EDGE)).isFalse();
  }

  @Test
  void keepsItsTextForTheQueryParameterWithoutSpaces() {
    assertThat(Selector.parse("site=berlin, !gpu")).hasToString("site=berlin,!gpu");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "=x", "a=b,", "site in (a,b)", "a=b=c", "!", "-a=b"})
  void rejectsMalformedSelectorsAsUsageErrors(String text) {
    assertThatThrownBy(() -> Selector.parse(text))
        .isInstanceOfSatisfying(
            CliException.class, e -> assertThat(e.exitCode()).isEqualTo(CliException.USAGE))
        .hasMessageStartingWith("invalid label selector");
  }
}
