package dev.skerry.agent.app;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/** java.util.logging to stderr, one line per record; {@code SKERRY_LOG_LEVEL} sets the level. */
final class Logging {
  private Logging() {}

  static void configure(String level) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    ConsoleHandler console = new ConsoleHandler();
    console.setFormatter(new OneLineFormatter());
    Level parsed;
    try {
      parsed = level == null ? Level.INFO : Level.parse(level.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      parsed = Level.INFO;
    }
    console.setLevel(parsed);
    root.addHandler(console);
    root.setLevel(parsed);
    // Netty and Paho are chatty at FINE; keep them at INFO unless asked otherwise.
    Logger.getLogger("io.netty").setLevel(Level.INFO);
    Logger.getLogger("org.eclipse.paho").setLevel(Level.INFO);
  }
}
