package dev.skerry.agent.store;

import java.time.Clock;

/** The {@link VolumeStore} contract in memory: the fake behaves as the real one. */
class InMemoryVolumeStoreTest extends VolumeStoreContract {
  @Override
  protected AgentStores open(int maxOutbox, int maxEvents, EventEncoder encoder) {
    return InMemoryStores.create(Clock.systemUTC(), maxOutbox, maxEvents, encoder);
  }
}
