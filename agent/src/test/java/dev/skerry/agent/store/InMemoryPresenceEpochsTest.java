package dev.skerry.agent.store;

import java.time.Clock;

/**
 * The {@link PresenceEpochs} contract in memory: the fake the other tests use behaves as the real
 * one.
 */
class InMemoryPresenceEpochsTest extends PresenceEpochsContract {
  @Override
  protected AgentStores open(int maxOutbox, int maxEvents, EventEncoder encoder) {
    return InMemoryStores.create(Clock.systemUTC(), maxOutbox, maxEvents, encoder);
  }
}
