package dev.skerry.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Loop.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    Loop.close(vertx);
  }

  /** Netty's connect timeout is a ConnectException; its name is what tells it apart. */
  static final class ConnectTimeoutException extends ConnectException {
    ConnectTimeoutException(String message) {
      super(message);
    }
  }

  @Test
  void describesRefusedAndTimedOutConnectionsBriefly() {
    assertThat(Deadline.describe(new ConnectException("Connection refused: /127.0.0.1:9")))
        .isEqualTo("connection refused");
    assertThat(Deadline.describe(new ConnectTimeoutException("connection timed out")))
        .isEqualTo("timed out");
    assertThat(Deadline.describe(new TimeoutException())).isEqualTo("timed out");
  }

  @Test
  void describesOtherErrorsByKindAndMessage() {
    assertThat(Deadline.describe(new IllegalStateException("closed")))
        .isEqualTo("IllegalStateException: closed");
    assertThat(Deadline.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
  }

  @Test
  void formatsWholeSecondsAndMilliseconds() {
    assertThat(Deadline.format(Duration.ofSeconds(1))).isEqualTo("1s");
    assertThat(Deadline.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }

  @Test
  void passesOnTheOutcomeOfWorkThatFinishesInTime() throws Exception {
    AtomicInteger cleanups = new AtomicInteger();
    ProbeOutcome outcome =
        Loop.await(
            vertx,
            () ->
                Deadline.within(
                    vertx,
                    Duration.ofSeconds(1),
                    Future.succeededFuture(ProbeOutcome.success("ok")),
                    cleanups::incrementAndGet));
    assertThat(outcome).isEqualTo(ProbeOutcome.success("ok"));
    assertThat(cleanups).hasValue(0);
  }

  @Test
  void turnsFailedWorkIntoAFailedOutcome() throws Exception {
    ProbeOutcome outcome =
        Loop.await(
            vertx,
            () ->
                Deadline.within(
                    vertx,
                    Duration.ofSeconds(1),
                    Future.failedFuture(new ConnectException("refused")),
                    () -> {}));
    assertThat(outcome).isEqualTo(ProbeOutcome.failure("connection refused"));
  }

  @Test
  void failsLateWorkAndCleansUpOnce() throws Exception {
    AtomicInteger cleanups = new AtomicInteger();
    Promise<ProbeOutcome> never = Promise.promise();
    ProbeOutcome outcome =
        Loop.await(
            vertx,
            () ->
                Deadline.within(
                    vertx, Duration.ofMillis(50), never.future(), cleanups::incrementAndGet));
    assertThat(outcome).isEqualTo(ProbeOutcome.failure("timed out after 50ms"));
    // the outcome is reported first, then the late work is cleaned up
    await().atMost(Duration.ofSeconds(5)).until(() -> cleanups.get() == 1);
    vertx.runOnContext(v -> never.complete(ProbeOutcome.success("too late")));
    await().during(Duration.ofMillis(200)).until(() -> cleanups.get() == 1);
  }
}
