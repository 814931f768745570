package dev.skerry.agent.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.control.Reconciler;
import dev.skerry.agent.runtime.FakeRuntime;
import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.InMemoryStores;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.core.wire.WorkloadStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** While an image is being pulled, every workload waiting for it shows how far it has come. */
class PullProgressStatusTest {
  private static final long MIB = 1024 * 1024;
  private final Clock clock = Clock.systemUTC();
  private final FakeRuntime runtime = new FakeRuntime(clock);
  private final AgentStores store = InMemoryStores.create(clock, 100, 100);
  private final Reconciler reconciler = new Reconciler(runtime, store, clock, Duration.ofHours(1));
  private final CountDownLatch finish = new CountDownLatch(1);

  @AfterEach
  void close() {
    finish.countDown();
    reconciler.close();
  }

  private static DesiredWorkload workload(String name, String image) {
    return new DesiredWorkload(
        "dep-" + name,
        1,
        new WorkloadSpec(name, image, null, null, null, "always", null, null, null, null));
  }

  private WorkloadStatus status(String name) {
    return reconciler.snapshot().workloads().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElse(null);
  }

  @Test
  void bothWorkloadsOfOneImageShowItsPullProgress() throws Exception {
    runtime.whilePulling(
        (image, progress) -> {
          progress.update(5 * MIB, 20 * MIB);
          try {
            finish.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          progress.update(20 * MIB, 20 * MIB);
        });
    byte[] doc =
        WireJson.mapper()
            .writeValueAsBytes(
                new DesiredDocument(
                    Topics.PROTOCOL_VERSION,
                    "dev1",
                    1,
                    Instant.now(),
                    List.of(
                        workload("api", "reg.local/app:1"),
                        workload("worker", "reg.local/app:1"))));
    store.desired().replaceDesired(1, doc).join();

    reconciler.start();

    await()
        .untilAsserted(
            () -> {
              for (String name : List.of("api", "worker")) {
                assertThat(status(name)).as(name).isNotNull();
                assertThat(status(name).state()).as(name).isEqualTo("pulling");
                assertThat(status(name).message())
                    .as(name)
                    .isEqualTo("pulling: 5.0 of 20.0 MiB (25%)");
              }
            });
    finish.countDown();
    await().untilAsserted(() -> assertThat(status("worker").state()).isEqualTo("running"));
    assertThat(status("api").message()).isNull();
  }
}
