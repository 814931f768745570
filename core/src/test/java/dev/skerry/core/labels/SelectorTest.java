package dev.skerry.core.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

  private static LabelExpression expr(String key, String op, String... values) {
    return new LabelExpression(key, op, List.of(values));
  }

  @Test
  void matchExpressionsAndMatchLabelsMustAllHold() {
    Selector s =
        new Selector(
            Map.of("site", "north"),
            List.of(expr("arch", "In", "arm64", "armv7"), expr("gpu", "DoesNotExist")));

    assertThat(s.matches(Map.of("site", "north", "arch", "armv7"))).isTrue();
    assertThat(s.matches(Map.of("site", "north", "arch", "amd64"))).isFalse();
    assertThat(s.matches(Map.of("site", "north", "arch", "arm64", "gpu", "yes"))).isFalse();
    assertThat(s.matches(Map.of("site", "south", "arch", "arm64"))).isFalse();
  }

  @Test
  void notInIsSatisfiedByAMissingLabelAndExistsIsNot() {
    assertThat(new Selector(Map.of(), List.of(expr("tier", "NotIn", "test"))).matches(Map.of()))
        .isTrue();
    assertThat(new Selector(Map.of(), List.of(expr("tier", "Exists"))).matches(Map.of())).isFalse();
  }

  @Test
  void validationNamesTheFieldPathOfEveryBadExpression() {
    Selector s =
        new Selector(
            Map.of(),
            List.of(
                expr("arch", "In"),
                expr("", "Exists"),
                expr("gpu", "Exists", "yes"),
                expr("x", "Gt", "1")));

    assertThat(s.validate("selector").stream().map(Object::toString))
        .containsExactly(
            "selector.matchExpressions[0].values: In needs at least one value",
            "selector.matchExpressions[1].key: required",
            "selector.matchExpressions[2].values: must be empty for Exists",
            "selector.matchExpressions[3].operator: 'Gt' is not one of In, NotIn, Exists,"
                + " DoesNotExist");
  }

  @Test
  void refusesLabelKeysAndValuesThatAreNotLabels() {
    Selector s =
        new Selector(Map.of("site-", "north", "ok", "bad value"), List.of(expr("tier.", "Exists")));

    assertThat(s.validate("selector").stream().map(Object::toString))
        .containsExactlyInAnyOrder(
            "selector.matchLabels: 'site-' is not a label key: the name must be at most 63"
                + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
            "selector.matchLabels.ok: 'bad value' is not a label value: it must be empty or at"
                + " most 63 letters, digits, '-', '_' or '.', starting and ending with a letter"
                + " or digit",
            "selector.matchExpressions[0].key: 'tier.' is not a label key: the name must be at"
                + " most 63 letters, digits, '-', '_' or '.', starting and ending with a letter"
                + " or digit");
  }
}
