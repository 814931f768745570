package dev.skerry.agent.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code 2026-11-27T00:00:00.123Z INFO [thread] logger: message}, one line per record (stack traces
 * follow on their own lines); journald adds its own timestamp, grep stays easy.
 */
public final class OneLineFormatter extends Formatter {
  @Override
  public String format(LogRecord r) {
    StringBuilder b = new StringBuilder(160);
    b.append(Instant.ofEpochMilli(r.getMillis()))
        .append(' ')
        .append(String.format("%-5s", r.getLevel().getName()))
        .append(" [")
        .append(Thread.currentThread().getName())
        .append("] ")
        .append(shortName(r.getLoggerName()))
        .append(": ")
        .append(formatMessage(r))
        .append('\n');
    if (r.getThrown() != null) {
      StringWriter w = new StringWriter();
      r.getThrown().printStackTrace(new PrintWriter(w));
      b.append(w);
    }
    return b.toString();
  }

  private static String shortName(String logger) {
    if (logger == null) {
      return "";
    }
    int dot = logger.lastIndexOf('.');
    return dot < 0 ? logger : logger.substring(dot + 1);
  }
}
