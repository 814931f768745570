package dev.skerry.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorTest {
  private static final Map<String, String> BERLIN_EDGE = Map.of("site", "berlin", "tier", "edge");

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "site=berlin; true",
        "site==berlin; true",
        "site=paris; false",
        "site!=paris; true",
        "site!=berlin; false",
        "gpu!=yes; true",
        "tier; true",
        "gpu; false",
        "!gpu; true",
        "!tier; false",
        "site=berlin,tier=edge; true",
        "site=berlin,tier!=edge; false",
        "site=berlin, tier, !gpu; true",
        "site=; false"
      })
  void matchesLabelsLikeKubernetes(String selector, boolean expected) {
    assertThat(Selector.parse(selector).matches(BERLIN_EDGE)).isEqualTo(expected);
  }

  @Test
  void emptyValueMatchesAnEmptyLabel() {
    assertThat(Selector.parse("site=").matches(Map.of("site", ""))).isTrue();
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

  @Test
  void acceptsPrefixedKeys() {
    assertThat(Selector.parse("skerry.dev/arch=arm64").matches(Map.of("skerry.dev/arch", "arm64")))
        .isTrue();
  }
}
