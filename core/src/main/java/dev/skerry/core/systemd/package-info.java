/**
 * Talking to systemd's service manager ({@code sd_notify(3)}): readiness, status lines, the
 * watchdog and the stop notice. The message format, the environment rules and the watchdog decision
 * are pure; {@link dev.skerry.core.systemd.DatagramServiceManager} is the one adapter, sending
 * datagrams to {@code NOTIFY_SOCKET}. Without that variable everything here is a no-op.
 */
package dev.skerry.core.systemd;
