package dev.skerry.agent.store;

import java.time.Clock;

class InMemoryAgentStoreTest extends AgentStoreContract {
  @Override
  protected AgentStore newStore(int maxOutbox, int maxEvents) {
    return new InMemoryAgentStore(Clock.systemUTC(), maxOutbox, maxEvents);
  }
}
