package dev.skerry.core.systemd;

import java.util.Map;

/** Picks the {@link ServiceManager} for this process's environment. */
public final class ServiceManagers {
  private static final System.Logger LOG = System.getLogger(ServiceManagers.class.getName());

  private ServiceManagers() {}

  /**
   * The notify socket named by {@code env}, or {@link ServiceManager#none()} when there is none (no
   * Netty class is loaded then).
   *
   * @param pid this process's id, for {@code WATCHDOG_PID}
   */
  public static ServiceManager fromEnvironment(Map<String, String> env, long pid) {
    NotifyEnvironment notify = NotifyEnvironment.from(env, pid).orElse(null);
    if (notify == null) {
      return ServiceManager.none();
    }
    if (notify.warning() != null) {
      LOG.log(System.Logger.Level.WARNING, notify.warning());
    }
    if (notify.socket() == null) {
      return ServiceManager.none();
    }
    try {
      return DatagramServiceManager.open(notify);
    } catch (NoClassDefFoundError | UnsatisfiedLinkError e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "NOTIFY_SOCKET is set, but this build has no Netty epoll transport: " + e);
      return ServiceManager.none();
    }
  }

  /** {@link #fromEnvironment(Map, long)} for this process. */
  public static ServiceManager fromSystem() {
    return fromEnvironment(System.getenv(), ProcessHandle.current().pid());
  }
}
