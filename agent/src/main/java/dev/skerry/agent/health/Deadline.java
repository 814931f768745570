package dev.skerry.agent.health;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Bounds a probe by its timeout with a Vert.x timer, and turns errors into failed outcomes. */
final class Deadline {
  private Deadline() {}

  /**
   * The outcome of {@code work}, or a "timed out" failure if it takes longer than {@code timeout};
   * then {@code onTimeout} releases whatever the late work still holds. Event loop only.
   */
  static Future<ProbeOutcome> within(
      Vertx vertx, Duration timeout, Future<ProbeOutcome> work, Runnable onTimeout) {
    Promise<ProbeOutcome> result = Promise.promise();
    long timer =
        vertx.setTimer(
            Math.max(1, timeout.toMillis()),
            id -> {
              if (result.tryComplete(ProbeOutcome.failure("timed out after " + format(timeout)))) {
                onTimeout.run();
              }
            });
    work.onComplete(
        ar -> {
          vertx.cancelTimer(timer);
          result.tryComplete(
              ar.succeeded() ? ar.result() : ProbeOutcome.failure(describe(ar.cause())));
        });
    return result.future();
  }

  /** A short reason for a failed connection or call, without a stack trace. */
  static String describe(Throwable cause) {
    // Netty's ConnectTimeoutException is a ConnectException: ask about timeouts first.
    if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
      return "timed out";
    }
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    String message = cause.getMessage();
    String kind = cause.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + message;
  }

  /** {@code 1s}, {@code 1500ms}: the form used in messages. */
  static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
