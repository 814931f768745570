package dev.skerry.core.systemd;

/** A loop's last sign of life, as the {@link Supervisor} asks for it before each watchdog ping. */
public interface Liveness {
  /** When the loop last made progress, in {@link System#nanoTime()} units. */
  long lastProgressNanos();

  /** Called before each look at {@link #lastProgressNanos()}: a prober sends its probes here. */
  default void probe() {}
}
