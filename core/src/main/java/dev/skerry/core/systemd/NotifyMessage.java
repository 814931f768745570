package dev.skerry.core.systemd;

import java.time.Duration;

/**
 * The datagrams of the notify protocol ({@code sd_notify(3)}): newline-separated {@code KEY=VALUE}
 * assignments, one datagram per call. Pure.
 */
public final class NotifyMessage {
  /** Longest status text sent; systemd shows it in one line of {@code systemctl status}. */
  static final int MAX_STATUS = 200;

  private NotifyMessage() {}

  /** Start-up is finished; with the first status line. */
  public static String ready(String status) {
    return "READY=1\n" + status(status);
  }

  /** What the service is doing, for {@code systemctl status}. */
  public static String status(String text) {
    return "STATUS=" + statusValue(text);
  }

  /** The keep-alive ping {@code WatchdogSec=} waits for. */
  public static String watchdog() {
    return "WATCHDOG=1";
  }

  /** Shutdown has begun; with a last status line. */
  public static String stopping(String status) {
    return "STOPPING=1\n" + status(status);
  }

  /**
   * Start-up is still making progress: systemd waits {@code more} longer than {@code
   * TimeoutStartSec=} (systemd 236 and newer; older ones ignore it).
   */
  public static String extendTimeout(Duration more) {
    return "EXTEND_TIMEOUT_USEC=" + Math.max(1, more.toNanos() / 1000);
  }

  /**
   * A newline would end the assignment and start another one (a status text could then set {@code
   * MAINPID=}), so line breaks and other control characters become spaces; long texts are cut.
   */
  static String statusValue(String text) {
    StringBuilder out = new StringBuilder();
    String s = text == null ? "" : text;
    for (int i = 0; i < s.length() && out.length() < MAX_STATUS; i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? ' ' : c);
    }
    return out.toString().strip();
  }
}
