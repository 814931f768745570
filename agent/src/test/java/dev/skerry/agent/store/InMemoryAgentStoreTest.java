package dev.skerry.agent.store;

import java.time.Clock;

class InMemoryAgentStoreTest extends AgentStoreContract {
  @Override
  protected AgentStore newStore(int maxOutbox, int maxEvents, EventEncoder encoder) {
    return new InMemoryAgentStore(Clock.systemUTC(), maxOutbox, maxEvents, encoder);
  }
}
