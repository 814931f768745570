package dev.skerry.agent.store;

import java.time.Instant;

/** One line of the bounded local event log (what the agent did and why). */
public record LocalEvent(long id, Instant at, String workload, String kind, String message) {}
