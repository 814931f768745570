package dev.skerry.agent.sync;

import static dev.skerry.agent.sync.DesiredDocumentCheckTest.doc;
import static dev.skerry.agent.sync.DesiredDocumentCheckTest.workload;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.InMemoryStores;
import dev.skerry.agent.sync.DesiredIntake.Outcome;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DesiredIntakeTest {
  private final AgentStores store = InMemoryStores.create();
  private final AtomicInteger triggers = new AtomicInteger();
  private final SyncMetrics metrics = new SyncMetrics();
  private final DesiredIntake intake =
      new DesiredIntake("dev1", store, triggers::incrementAndGet, metrics);

  private Outcome accept(String json) {
    return intake.accept(json.getBytes(UTF_8)).join();
  }

  @Test
  void storesTheExactBytesThenTriggersReconcile() {
    String json = doc("1", "dev1", 3, workload("web", "img:1"));
    assertThat(accept(json)).isEqualTo(Outcome.STORED);
    assertThat(new String(store.desired().desired().orElseThrow().document(), UTF_8))
        .isEqualTo(json);
    assertThat(triggers).hasValue(1);
    assertThat(metrics.stored()).isEqualTo(1);
  }

  @Test
  void dropsRevisionsNotNewerThanTheStoredOne() {
    accept(doc("1", "dev1", 3, ""));
    assertThat(accept(doc("1", "dev1", 3, workload("x", "y")))).isEqualTo(Outcome.STALE);
    assertThat(accept(doc("1", "dev1", 2, ""))).isEqualTo(Outcome.STALE);
    assertThat(store.desired().desired().orElseThrow().revision()).isEqualTo(3);
    assertThat(triggers).hasValue(1);
    assertThat(metrics.stale()).isEqualTo(2);
  }

  @Test
  void knowsTheRevisionStoredBeforeItStarted() {
    store.desired().replaceDesired(9, new byte[] {1}).join();
    DesiredIntake restarted = new DesiredIntake("dev1", store, triggers::incrementAndGet, metrics);
    assertThat(restarted.accept(doc("1", "dev1", 9, "").getBytes(UTF_8)).join())
        .isEqualTo(Outcome.STALE);
  }

  @Test
  void countsAndIgnoresRejectedDocuments() {
    assertThat(accept("{oops")).isEqualTo(Outcome.REJECTED);
    assertThat(store.desired().desired()).isEmpty();
    assertThat(triggers).hasValue(0);
    assertThat(metrics.rejected()).isEqualTo(1);
  }
}
