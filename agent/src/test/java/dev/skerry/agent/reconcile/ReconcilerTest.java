package dev.skerry.agent.reconcile;

import static dev.skerry.agent.reconcile.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.control.Reconciler;
import dev.skerry.agent.reconcile.Container.TaskState;
import dev.skerry.agent.runtime.ContainerIds;
import dev.skerry.agent.runtime.FakeRuntime;
import dev.skerry.agent.runtime.RuntimeFailure;
import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.InMemoryStores;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop end to end with {@link FakeRuntime} and the in-memory store. */
class ReconcilerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T00:00:00Z"));
  private final FakeRuntime runtime = new FakeRuntime(clock);
  private final AgentStores store = InMemoryStores.create(clock, 100, 100);
  private Reconciler reconciler = new Reconciler(runtime, store, clock, Duration.ofHours(1));

  @AfterEach
  void close() {
    reconciler.close();
  }

  private void desire(long revision, DesiredWorkload... workloads) throws Exception {
    byte[] bytes =
        WireJson.mapper()
            .writeValueAsBytes(
                new DesiredDocument(
                    Topics.PROTOCOL_VERSION,
                    "dev1",
                    revision,
                    clock.instant(),
                    List.of(workloads)));
    store.desired().replaceDesired(revision, bytes).join();
  }

  private WorkloadStatus status(String name) {
    return reconciler.snapshot().workloads().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElse(null);
  }

  @Test
  void startsTheStoredWorkloadsAndReportsThemApplied() throws Exception {
    desire(3, workload("web"), workload("db"));
    reconciler.start();
    await().until(() -> reconciler.snapshot().appliedRevision() == 3);
    assertThat(runtime.containers()).containsOnlyKeys("web.r1", "db.r1");
    assertThat(reconciler.snapshot().workloads())
        .extracting(WorkloadStatus::state)
        .containsOnly("running");
    assertThat(runtime.calls()).contains("pull reg.local/web:1", "create web.r1");
  }

  @Test
  void adoptsRunningContainersAfterAnAgentRestart() throws Exception {
    DesiredWorkload web = workload("web");
    desire(1, web);
    reconciler.start();
    await().until(() -> reconciler.snapshot().appliedRevision() == 1);
    reconciler.close();
    runtime.clearCalls();

    reconciler = new Reconciler(runtime, store, clock, Duration.ofHours(1));
    reconciler.start();
    await().until(() -> reconciler.snapshot().appliedRevision() == 1);
    assertThat(runtime.calls()).isEmpty();
  }

  @Test
  void restartsAfterAnExitEventOnceTheBackoffPassed() throws Exception {
    desire(1, workload("web"));
    reconciler.start();
    await().until(() -> "running".equals(status("web").state()));
    runtime.exit("web.r1", 1);
    await().until(() -> "exited".equals(status("web").state()));
    assertThat(status("web").message()).contains("back-off");

    clock.advance(Duration.ofSeconds(11));
    reconciler.trigger();
    await().until(() -> "running".equals(status("web").state()));
    assertThat(status("web").restarts()).isEqualTo(1);
    assertThat(runtime.calls()).contains("restart web.r1");
    assertThat(store.histories().workloadHistories().get("web").restarts()).isEqualTo(1);
  }

  @Test
  void aFailedPullMakesOnlyThatWorkloadFailed() throws Exception {
    runtime.failAlways(
        "pull", "reg.local/bad:1", new RuntimeFailure("ImageNotFound", "manifest unknown", false));
    desire(2, workload("bad", "reg.local/bad:1", "always", 1), workload("good"));
    reconciler.start();
    await().until(() -> status("bad") != null && "failed".equals(status("bad").state()));
    await().until(() -> "running".equals(status("good").state()));
    assertThat(status("bad").message()).isEqualTo("ImageNotFound: manifest unknown");
    assertThat(reconciler.snapshot().appliedRevision()).isZero();
  }

  @Test
  void retriesAFailedPullAfterItsBackoff() throws Exception {
    runtime.failOnce(
        "pull", "reg.local/web:1", new RuntimeFailure("ImagePullFailed", "timeout", true));
    desire(1, workload("web"));
    reconciler.start();
    await().until(() -> status("web") != null && "failed".equals(status("web").state()));
    clock.advance(Duration.ofSeconds(10));
    reconciler.trigger();
    await().until(() -> "running".equals(status("web").state()));
  }

  @Test
  void updatesAWorkloadWhenTheDesiredSpecChanges() throws Exception {
    desire(1, workload("web"));
    reconciler.start();
    await().until(() -> reconciler.snapshot().appliedRevision() == 1);
    desire(2, workload("web", "reg.local/web:2", "always", 2));
    reconciler.trigger();
    await().until(() -> reconciler.snapshot().appliedRevision() == 2);
    assertThat(runtime.containers()).containsOnlyKeys("web.r2");
    assertThat(runtime.calls())
        .containsSubsequence(
            "pull reg.local/web:2", "stop web.r1", "remove web.r1", "create web.r2");
  }

  @Test
  void removesWorkloadsNoLongerDesiredButNotForeignContainers() throws Exception {
    Container foreign =
        new Container("mine", null, 0, null, "x", TaskState.RUNNING, null, null, Map.of("a", "b"));
    runtime.put(foreign);
    desire(1, workload("web"));
    reconciler.start();
    await().until(() -> reconciler.snapshot().appliedRevision() == 1);
    desire(2);
    reconciler.trigger();
    await().until(() -> reconciler.snapshot().appliedRevision() == 2);
    assertThat(runtime.containers()).containsOnlyKeys("mine");
    assertThat(store.histories().workloadHistories()).doesNotContainKey("web");
  }

  @Test
  void touchesNothingBeforeTheFirstDesiredDocument() {
    runtime.put(
        new Container(
            "web.r1",
            "web",
            1,
            "h",
            "x",
            TaskState.RUNNING,
            null,
            null,
            Map.of(ContainerIds.LABEL_WORKLOAD, "web")));
    AtomicInteger changes = new AtomicInteger();
    reconciler.onChange(changes::incrementAndGet);
    reconciler.start();
    await().until(() -> reconciler.metrics().passes() >= 1);
    assertThat(runtime.calls()).isEmpty();
    assertThat(runtime.containers()).containsKey("web.r1");
  }

  @Test
  void reportsTheRuntimeBeingUnavailable() throws Exception {
    runtime.unavailable(true);
    desire(1, workload("web"));
    reconciler.start();
    await().until(() -> status("web") != null);
    assertThat(status("web").state()).isEqualTo("pending");
    assertThat(status("web").message()).startsWith("RuntimeUnavailable");
  }

  @Test
  void restartsWorkloadsWhoseTasksVanishedInAReboot() throws Exception {
    desire(1, workload("web"));
    reconciler.start();
    await().until(() -> reconciler.snapshot().appliedRevision() == 1);
    runtime.reboot();
    reconciler.trigger();
    await().until(() -> runtime.calls().contains("restart web.r1"));
    await().until(() -> runtime.containers().get("web.r1").task() == TaskState.RUNNING);
  }

  @Test
  void remembersTheWholeWorkloadAsLastKnownGoodOnceItIsReady() throws Exception {
    DesiredWorkload web = workload("web");
    desire(1, web);
    reconciler.start();
    await().until(() -> reconciler.snapshot().appliedRevision() == 1);
    assertThat(store.rollback().lastKnownGood("web")).as("running is not yet ready").isEmpty();
    assertThat(status("web").ready()).isFalse();

    clock.advance(Duration.ofSeconds(10)); // minReadySeconds by default
    reconciler.trigger();
    await().until(() -> store.rollback().lastKnownGood("web").isPresent());
    assertThat(store.rollback().lastKnownGood("web").get().desired()).isEqualTo(web);
    await().until(() -> Boolean.TRUE.equals(status("web").ready()));
  }

  @Test
  void goesBackToTheLastKnownGoodWhenAnUpdateCannotBePulledByItsDeadline() throws Exception {
    DesiredWorkload v1 = workload("web");
    desire(1, v1);
    reconciler.start();
    await().until(() -> reconciler.snapshot().appliedRevision() == 1);
    clock.advance(Duration.ofSeconds(10));
    reconciler.trigger();
    await().until(() -> store.rollback().lastKnownGood("web").isPresent());

    DesiredWorkload v2 =
        new DesiredWorkload(
            "dep-web",
            2,
            Fixtures.spec("web", "reg.local/web:2", "always"),
            new DesiredWorkload.Rollout(30, 10, true));
    runtime.failAlways(
        "pull", "reg.local/web:2", new RuntimeFailure("ImageNotFound", "no tag 2", false));
    desire(2, v2);
    reconciler.trigger();
    await().until(() -> runtime.calls().contains("pull reg.local/web:2"));
    await().until(() -> "failed".equals(status("web").state()));
    assertThat(runtime.containers()).containsOnlyKeys("web.r1");

    clock.advance(Duration.ofSeconds(30));
    reconciler.trigger();
    await().until(() -> status("web").failedRevision() != null);
    WorkloadStatus s = status("web");
    assertThat(s.revision()).isEqualTo(1);
    assertThat(s.image()).isEqualTo("reg.local/web:1");
    assertThat(s.failedRevision()).isEqualTo(2);
    assertThat(s.state()).isEqualTo("running");
    assertThat(s.message())
        .isEqualTo("rolled back from revision 2: not ready within 30 s: ImageNotFound: no tag 2");
    assertThat(runtime.containers()).containsOnlyKeys("web.r1");
    assertThat(store.events().recentEvents(10))
        .anyMatch(e -> e.kind().equals("rollback") && e.workload().equals("web"));
    assertThat(reconciler.snapshot().appliedRevision()).isEqualTo(1);

    // An agent restart does not try the revision it gave up on again.
    reconciler.close();
    runtime.clearCalls();
    reconciler = new Reconciler(runtime, store, clock, Duration.ofHours(1));
    reconciler.start();
    await().until(() -> status("web") != null && status("web").failedRevision() != null);
    assertThat(runtime.calls()).doesNotContain("pull reg.local/web:2");
  }

  @Test
  void notifiesListenersWhenTheStatusChanges() throws Exception {
    AtomicInteger changes = new AtomicInteger();
    reconciler.onChange(changes::incrementAndGet);
    desire(1, workload("web"));
    reconciler.start();
    await().until(() -> reconciler.snapshot().appliedRevision() == 1);
    int seen = changes.get();
    assertThat(seen).isPositive();
    long passes = reconciler.metrics().passes();
    reconciler.trigger();
    await().until(() -> reconciler.metrics().passes() > passes);
    assertThat(changes.get()).isEqualTo(seen);
  }

  @Test
  void parsesTheWorkloadOfAContainerId() {
    assertThat(ContainerNames.workloadOf("web-api.r12")).isEqualTo("web-api");
    assertThat(ContainerNames.workloadOf("nodots")).isNull();
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
