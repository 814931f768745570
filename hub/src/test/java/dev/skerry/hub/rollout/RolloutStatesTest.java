package dev.skerry.hub.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.wire.RolloutState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RolloutStatesTest {
  @Test
  void theStoredNamesAreTheWireNamesOfTheCoreEnum() {
    assertThat(
            new String[] {
              RolloutStates.PROGRESSING,
              RolloutStates.PAUSED,
              RolloutStates.COMPLETE,
              RolloutStates.FAILED,
              RolloutStates.ROLLEDBACK
            })
        .containsExactly(
            Arrays.stream(RolloutState.values())
                .map(RolloutState::wireName)
                .toArray(String[]::new));
  }

  @Test
  void onlyProgressingAndPausedRolloutsAreActive() {
    assertThat(Arrays.stream(RolloutState.values()).filter(s -> RolloutStates.active(s.wireName())))
        .containsExactly(RolloutState.PROGRESSING, RolloutState.PAUSED);
    assertThat(RolloutStates.active("future-state")).isFalse();
  }
}
