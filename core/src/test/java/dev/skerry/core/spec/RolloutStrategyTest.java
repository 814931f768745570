package dev.skerry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.WireJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutStrategyTest {
  private static JsonNode json(String text) throws Exception {
    return WireJson.mapper().readTree(text);
  }

  private static List<String> errors(JsonNode node) {
    return RolloutStrategy.validate(node).stream().map(FieldError::toString).toList();
  }

  @Test
  void theDeviceSideHasTheSameBoundsAsTheStrategy() {
    assertThat(RolloutStrategy.validate("rollout", RolloutStrategy.DEFAULT.deviceSide())).isEmpty();
    assertThat(RolloutStrategy.validate("rollout", null)).isEmpty();
    assertThat(
            RolloutStrategy.validate("rollout", new DesiredWorkload.Rollout(0, -1, null)).stream()
                .map(FieldError::toString))
        .containsExactly(
            "rollout.progressDeadlineSeconds: must be a whole number from 1 to 604800",
            "rollout.minReadySeconds: must be a whole number from 0 to 86400");
  }

  @Test
  void noStrategyMeansAllAtOnceWithoutAFailureBudget() {
    assertThat(RolloutStrategy.of(null)).isEqualTo(RolloutStrategy.DEFAULT);
    assertThat(RolloutStrategy.DEFAULT.waves()).containsExactly(100);
    assertThat(RolloutStrategy.DEFAULT.maxFailurePercent()).isEqualTo(100);
  }

  @Test
  void theIssueExampleReadsAsWritten() throws Exception {
    RolloutStrategy s =
        RolloutStrategy.of(
            json(
                "{\"type\":\"waves\",\"waves\":[1,10,100],\"bakeSeconds\":300,"
                    + "\"maxFailurePercent\":5,\"progressDeadlineSeconds\":900,"
                    + "\"autoRollback\":true}"));

    assertThat(s)
        .isEqualTo(new RolloutStrategy("waves", List.of(1, 10, 100), 300, 5, 900, 10, true));
    assertThat(s.deviceSide().progressDeadlineSeconds()).isEqualTo(900);
  }

  @Test
  void wavesWithoutABudgetAbortOnTheFirstFailure() throws Exception {
    RolloutStrategy s = RolloutStrategy.of(json("{\"type\":\"waves\",\"waves\":[50,100]}"));

    assertThat(s.maxFailurePercent()).isZero();
    assertThat(s.bakeSeconds()).isEqualTo(60);
  }

  @Test
  void everyMistakeIsNamedByItsFieldPath() throws Exception {
    assertThat(
            errors(
                json(
                    "{\"type\":\"canary\",\"bakeSeconds\":-1,\"maxFailurePercent\":101,"
                        + "\"autoRollback\":\"yes\",\"speed\":3}")))
        .containsExactlyInAnyOrder(
            "strategy.speed: unknown field",
            "strategy.type: must be waves or all-at-once",
            "strategy.bakeSeconds: must be a whole number from 0 to 604800",
            "strategy.maxFailurePercent: must be a whole number from 0 to 100",
            "strategy.autoRollback: must be true or false");
    assertThat(errors(json("{\"type\":\"waves\"}")))
        .containsExactly("strategy.waves: required for type waves, e.g. [1, 10, 100]");
    assertThat(errors(json("{\"type\":\"waves\",\"waves\":[10,5,100]}")))
        .containsExactly(
            "strategy.waves[1]: must be greater than the wave before (10); waves are cumulative");
    assertThat(errors(json("{\"type\":\"waves\",\"waves\":[10,50]}")))
        .containsExactly(
            "strategy.waves[1]: the last wave must be 100, or some devices would never be"
                + " updated");
    assertThat(errors(json("{\"waves\":[100]}")))
        .containsExactly("strategy.waves: only for type waves");
    assertThat(errors(json("[1]"))).containsExactly("strategy: must be an object");
  }
}
