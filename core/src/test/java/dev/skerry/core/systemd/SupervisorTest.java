package dev.skerry.core.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SupervisorTest {
  private static final long S = 1_000_000_000L;
  private static final Duration TICK = Duration.ofSeconds(1);

  @Test
  void aTickOfAProgressingLoopPingsTheWatchdog() {
    assertThat(Supervisor.tickMessages(true, true, true, TICK)).containsExactly("WATCHDOG=1");
  }

  @Test
  void aTickOfAStalledLoopSendsNothing() {
    assertThat(Supervisor.tickMessages(true, false, true, TICK)).isEmpty();
    assertThat(Supervisor.tickMessages(true, false, false, TICK)).isEmpty();
  }

  @Test
  void beforeReadinessAProgressingStartExtendsTheStartTimeout() {
    assertThat(Supervisor.tickMessages(false, true, false, TICK))
        .containsExactly("EXTEND_TIMEOUT_USEC=3000000");
  }

  @Test
  void withoutAWatchdogATickPingsNothing() {
    assertThat(Supervisor.tickMessages(false, true, true, TICK)).isEmpty();
  }

  @Test
  void pingsOnlyWhileTheLoopProgressesAndSendsTheStatusOnlyWhenItChanges() {
    InMemoryServiceManager told = new InMemoryServiceManager(Duration.ofSeconds(2));
    AtomicLong progress = new AtomicLong(0);
    AtomicReference<String> status = new AtomicReference<>("starting");
    Supervisor supervisor =
        new Supervisor(told, progress::get, Duration.ofSeconds(10), status::get);
    try {
      supervisor.tick(5 * S);
      supervisor.becomeReady();
      supervisor.tick(9 * S);
      status.set("connected to hub, 1 workload running");
      supervisor.tick(10 * S);
      supervisor.tick(11 * S); // 11 s without progress: stalled
      progress.set(12 * S);
      supervisor.tick(12 * S); // progress again
      assertThat(told.messages())
          .containsExactly(
              "WATCHDOG=1",
              "EXTEND_TIMEOUT_USEC=3000000",
              "STATUS=starting",
              "READY=1\nSTATUS=starting",
              "WATCHDOG=1",
              "WATCHDOG=1",
              "STATUS=connected to hub, 1 workload running",
              "WATCHDOG=1");
    } finally {
      supervisor.close();
    }
  }

  @Test
  void withoutAServiceManagerNothingTicks() {
    AtomicLong calls = new AtomicLong();
    try (Supervisor s =
        Supervisor.start(
            ServiceManager.none(),
            () -> calls.incrementAndGet(),
            Duration.ofSeconds(1),
            () -> "x")) {
      s.ready();
      s.stopping("bye");
    }
    assertThat(calls).hasValue(0);
  }
}
