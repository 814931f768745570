package dev.skerry.core.systemd;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what it is told, for tests of the code that talks to systemd. */
public final class InMemoryServiceManager implements ServiceManager {
  private final Duration watchdog;
  private final List<String> messages = new CopyOnWriteArrayList<>();

  /**
   * @param watchdog the {@code WATCHDOG_USEC} to pretend, or null for none
   */
  public InMemoryServiceManager(Duration watchdog) {
    this.watchdog = watchdog;
  }

  @Override
  public void notify(String message) {
    messages.add(message);
  }

  /** Every datagram so far, oldest first. */
  public List<String> messages() {
    return List.copyOf(messages);
  }

  @Override
  public Optional<Duration> watchdogTimeout() {
    return Optional.ofNullable(watchdog);
  }

  @Override
  public boolean active() {
    return true;
  }

  @Override
  public void close() {}
}
