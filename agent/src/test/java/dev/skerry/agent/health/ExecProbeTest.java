package dev.skerry.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExecProbeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private Vertx vertx;
  private final FakeExecRunner runner = new FakeExecRunner();

  @BeforeEach
  void start() {
    vertx = Loop.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    Loop.close(vertx);
  }

  private ProbeOutcome probe(Duration timeout) throws Exception {
    ExecProbe probe = new ExecProbe(vertx, runner, "web-1", List.of("/bin/check", "-q"), timeout);
    return Loop.await(vertx, probe::check);
  }

  @Test
  void passesOnExitCodeZero() throws Exception {
    runner.exitWith(0, "");
    assertThat(probe(TIMEOUT)).isEqualTo(ProbeOutcome.success("exit code 0"));
  }

  @Test
  void failsOnAnyOtherExitCodeAndShowsTheOutput() throws Exception {
    runner.exitWith(1, "db not ready\n");
    assertThat(probe(TIMEOUT)).isEqualTo(ProbeOutcome.failure("exit code 1: db not ready"));
    runner.exitWith(137, null);
    assertThat(probe(TIMEOUT)).isEqualTo(ProbeOutcome.failure("exit code 137"));
  }

  @Test
  void runsTheCommandInTheContainerWithTheTimeout() throws Exception {
    probe(TIMEOUT);
    assertThat(runner.calls)
        .containsExactly(new FakeExecRunner.Call("web-1", List.of("/bin/check", "-q"), TIMEOUT));
  }

  @Test
  void failsWhenTheCommandCannotBeRun() throws Exception {
    runner.answer(() -> CompletableFuture.failedFuture(new IllegalStateException("no task")));
    assertThat(probe(TIMEOUT)).isEqualTo(ProbeOutcome.failure("IllegalStateException: no task"));
  }

  @Test
  void failsWhenTheRunnerThrowsInsteadOfFailingItsFuture() throws Exception {
    runner.answer(
        () -> {
          throw new IllegalArgumentException("bad argv");
        });
    assertThat(probe(TIMEOUT))
        .isEqualTo(ProbeOutcome.failure("IllegalArgumentException: bad argv"));
  }

  @Test
  void timesOutWhenTheRunnerNeverAnswers() throws Exception {
    runner.answer(CompletableFuture::new);
    assertThat(probe(Duration.ofMillis(100)))
        .isEqualTo(ProbeOutcome.failure("timed out after 100ms"));
  }

  @Test
  void completesOnTheEventLoopWhenTheRunnerAnswersFromAnotherThread() throws Exception {
    runner.answer(
        () ->
            CompletableFuture.supplyAsync(
                () -> new ExecResult(0, ""),
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)));
    AtomicBoolean onEventLoop = new AtomicBoolean();
    ExecProbe probe = new ExecProbe(vertx, runner, "web-1", List.of("/bin/check"), TIMEOUT);
    ProbeOutcome outcome =
        Loop.await(
            vertx,
            () -> probe.check().onComplete(ar -> onEventLoop.set(Context.isOnEventLoopThread())));
    assertThat(outcome.success()).isTrue();
    assertThat(onEventLoop).isTrue();
  }

  @Test
  void keepsLongOutputShort() throws Exception {
    runner.exitWith(2, "e".repeat(5000));
    ProbeOutcome outcome = probe(TIMEOUT);
    assertThat(outcome.message()).hasSize(ProbeOutcome.MAX_MESSAGE).startsWith("exit code 2: eee");
    assertThat(outcome.message()).endsWith("...");
  }
}
