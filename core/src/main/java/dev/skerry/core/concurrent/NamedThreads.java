package dev.skerry.core.concurrent;

import java.util.concurrent.ThreadFactory;

/**
 * Thread factories that name their threads, so a thread dump or a log line says which part of
 * Skerry a thread belongs to. Daemon threads do not keep the JVM alive at shutdown.
 */
public final class NamedThreads {
  private NamedThreads() {}

  /** Every thread it makes is called {@code name}: meant for single-thread executors. */
  public static ThreadFactory factory(String name, boolean daemon) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(daemon);
      return t;
    };
  }
}
