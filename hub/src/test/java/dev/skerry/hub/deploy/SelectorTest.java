package dev.skerry.hub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorTest {
  @Test
  void matchesWhenEveryLabelIsPresentWithTheSameValue() {
    Selector s = new Selector(Map.of("site", "north", "arch", "arm64"));

    assertThat(s.matches(Map.of("site", "north", "arch", "arm64", "extra", "x"))).isTrue();
    assertThat(s.matches(Map.of("site", "north"))).isFalse();
    assertThat(s.matches(Map.of("site", "south", "arch", "arm64"))).isFalse();
  }

  @Test
  void emptySelectorMatchesEveryDevice() {
    assertThat(new Selector(Map.of()).matches(Map.of())).isTrue();
    assertThat(new Selector(null).matches(Map.of("a", "b"))).isTrue();
  }
}
