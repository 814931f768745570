package dev.skerry.agent.health;

import dev.skerry.core.concurrent.RunsOnEventLoop;

/** Told when a monitored container's health changes. */
@FunctionalInterface
public interface HealthListener {
  /**
   * Called on the event loop, only when {@code health} differs from the previous value; must not
   * block.
   *
   * @param message why, e.g. {@code 3 consecutive failures, last: HTTP 500}
   */
  @RunsOnEventLoop
  void onChange(String containerId, Health health, String message);
}
