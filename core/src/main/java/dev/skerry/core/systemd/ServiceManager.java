package dev.skerry.core.systemd;

import java.time.Duration;
import java.util.Optional;

/**
 * The service manager that started this process (systemd), as far as the process tells it things.
 * Implementations never throw: a service manager that cannot be told must not stop the service.
 */
public interface ServiceManager extends AutoCloseable {

  /** Sends one datagram of {@link NotifyMessage} assignments; any thread. */
  void notify(String message);

  /** How long systemd waits for a {@link NotifyMessage#watchdog() ping}; empty: no watchdog. */
  Optional<Duration> watchdogTimeout();

  /** Whether anyone listens: false when not started by systemd with {@code Type=notify}. */
  boolean active();

  @Override
  void close();

  /** The one used when {@code NOTIFY_SOCKET} is not set. */
  static ServiceManager none() {
    return None.INSTANCE;
  }

  /** Tells nobody anything. */
  enum None implements ServiceManager {
    INSTANCE;

    @Override
    public void notify(String message) {}

    @Override
    public Optional<Duration> watchdogTimeout() {
      return Optional.empty();
    }

    @Override
    public boolean active() {
      return false;
    }

    @Override
    public void close() {}
  }
}
