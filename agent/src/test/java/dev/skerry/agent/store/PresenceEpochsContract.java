package dev.skerry.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Behaviour every {@link PresenceEpochs} must have; run against SQLite and in-memory. */
abstract class PresenceEpochsContract extends StoreContract {

  @Test
  void presenceEpochGrowsByOne() {
    long first = stores.epochs().nextPresenceEpoch().join();
    assertThat(first).isPositive();
    assertThat(stores.epochs().nextPresenceEpoch().join()).isEqualTo(first + 1);
  }
}
