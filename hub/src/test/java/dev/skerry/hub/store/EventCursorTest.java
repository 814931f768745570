package dev.skerry.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventCursorTest {
  @Test
  void advancesThroughConsecutiveNumbersAndStopsAtTheFirstGap() {
    assertThat(EventCursor.START.advance(0, List.of(1L, 2L, 4L))).isEqualTo(new EventCursor(2, 0));
  }

  @Test
  void aFloorJumpsOverNumbersThatWillNeverCome() {
    assertThat(new EventCursor(2, 0).advance(5, List.of(6L, 7L, 9L)))
        .isEqualTo(new EventCursor(7, 5));
  }

  @Test
  void neverMovesBack() {
    assertThat(new EventCursor(7, 5).advance(3, List.of())).isEqualTo(new EventCursor(7, 5));
  }
}
