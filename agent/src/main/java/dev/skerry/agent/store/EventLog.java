package dev.skerry.agent.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The bounded local log of what the agent did and why, newest kept. */
public interface EventLog {

  /**
   * Logs an event locally and, if the log was opened with an {@link EventEncoder}, in the same
   * transaction queues it in the {@link Outbox} with the next number of the event sequence.
   */
  CompletableFuture<Void> logEvent(String workload, String kind, String message);

  /** The newest local events, newest first. */
  List<LocalEvent> recentEvents(int limit);
}
