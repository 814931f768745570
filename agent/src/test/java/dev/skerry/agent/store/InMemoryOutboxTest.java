package dev.skerry.agent.store;

import java.time.Clock;

/** The {@link Outbox} contract in memory: the fake the other tests use behaves as the real one. */
class InMemoryOutboxTest extends OutboxContract {
  @Override
  protected AgentStores open(int maxOutbox, int maxEvents, EventEncoder encoder) {
    return InMemoryStores.create(Clock.systemUTC(), maxOutbox, maxEvents, encoder);
  }
}
