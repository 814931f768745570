package dev.skerry.core.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {
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
    assertThat(LabelSelector.parse(selector).matches(BERLIN_EDGE)).isEqualTo(expected);
  }

  @Test
  void emptyValueMatchesAnEmptyLabel() {
    assertThat(LabelSelector.parse("site=").matches(Map.of("site", ""))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "=x", "a=b,", "site in (a,b)", "a=b=c", "!", "-a=b", "a-=b", "a=b-"})
  void rejectsMalformedSelectorsNamingThePart(String text) {
    assertThatThrownBy(() -> LabelSelector.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid label selector");
  }

  @Test
  void inAndNotInTreatAMissingLabelLikeKubernetes() {
    Requirement in = new Requirement("site", Requirement.Op.IN, java.util.Set.of("a", "b"));
    Requirement notIn = new Requirement("site", Requirement.Op.NOT_IN, java.util.Set.of("a"));

    assertThat(in.matches(Map.of("site", "b"))).isTrue();
    assertThat(in.matches(Map.of())).isFalse();
    assertThat(notIn.matches(Map.of())).isTrue();
    assertThat(notIn.matches(Map.of("site", "a"))).isFalse();
  }

  @Test
  void acceptsPrefixedKeys() {
    assertThat(
            LabelSelector.parse("skerry.dev/arch=arm64")
                .matches(Map.of("skerry.dev/arch", "arm64")))
        .isTrue();
  }
}
