package dev.skerry.core.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What systemd told this process in its environment, by the rules of {@code sd_notify(3)} and
 * {@code sd_watchdog_enabled(3)}. Pure.
 *
 * @param socket {@code NOTIFY_SOCKET}: an absolute path, or an abstract socket name starting with
 *     {@code @} (kept as given)
 * @param watchdog {@code WATCHDOG_USEC} when the watchdog is on and meant for this process, else
 *     null
 * @param warning why a variable was ignored (malformed), or null
 */
public record NotifyEnvironment(String socket, Duration watchdog, String warning) {

  /**
   * Reads {@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC} and {@code WATCHDOG_PID}; empty when there
   * is no usable socket (not started by systemd, or {@code Type=simple}).
   *
   * @param pid this process's id: a watchdog for another process ({@code WATCHDOG_PID}) is not ours
   */
  public static Optional<NotifyEnvironment> from(Map<String, String> env, long pid) {
    String socket = env.get("NOTIFY_SOCKET");
    if (socket == null || socket.isEmpty()) {
      return Optional.empty();
    }
    if (!socket.startsWith("/") && !socket.startsWith("@")) {
      // systemd also knows vsock: addresses (for virtual machines); not unix sockets, not ours.
      return Optional.of(
          new NotifyEnvironment(
              null, null, "NOTIFY_SOCKET=" + socket + " is neither a path nor @abstract; ignored"));
    }
    String usec = env.get("WATCHDOG_USEC");
    if (usec == null || usec.isEmpty()) {
      return Optional.of(new NotifyEnvironment(socket, null, null));
    }
    long micros;
    try {
      micros = Long.parseLong(usec);
    } catch (NumberFormatException e) {
      micros = 0;
    }
    if (micros <= 0) {
      return Optional.of(
          new NotifyEnvironment(
              socket, null, "WATCHDOG_USEC=" + usec + " is not a positive number; no watchdog"));
    }
    String forPid = env.get("WATCHDOG_PID");
    if (forPid != null && !forPid.isEmpty() && !forPid.equals(Long.toString(pid))) {
      return Optional.of(new NotifyEnvironment(socket, null, null));
    }
    return Optional.of(new NotifyEnvironment(socket, Duration.ofNanos(micros * 1000), null));
  }
}
