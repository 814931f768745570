package dev.skerry.core.labels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelsTest {
  @ParameterizedTest
  @ValueSource(strings = {"site", "a", "skerry.dev/arch", "a_b.c-d", "A1", "x.y-z/Name_1"})
  void acceptsKubernetesStyleKeys(String key) {
    assertThat(Labels.keyProblem(key)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "site-",
        "-site",
        "a b",
        "Skerry.Dev/arch",
        "a/b/c",
        "/a",
        "a/",
        "a.",
        "é",
        "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
      })
  void refusesKeysThatAreNotLabelKeys(String key) {
    assertThat(Labels.keyProblem(key)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "north", "v1.2_x", "A"})
  void acceptsEmptyAndNameLikeValues(String value) {
    assertThat(Labels.valueProblem(value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"north-", "a b", "_x", "a/b"})
  void refusesOtherValues(String value) {
    assertThat(Labels.valueProblem(value)).isPresent();
    assertThat(Labels.valueProblem(null)).isPresent();
  }
}
