package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import dev.skerry.containerd.events.TaskExit;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExitWatcherTest {
  @Test
  void decodesTheInitProcessExitFromABareTypeUrl() {
    TaskExit exit =
        TaskExit.newBuilder()
            .setContainerId("web.r3")
            .setId("web.r3")
            .setExitStatus(137)
            .setExitedAt(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(5))
            .build();
    Any any =
        Any.newBuilder()
            .setTypeUrl("containerd.events.TaskExit")
            .setValue(exit.toByteString())
            .build();

    assertThat(ExitWatcher.decode(any))
        .isEqualTo(new ExitEvent("web.r3", 137, Instant.ofEpochSecond(1_700_000_000, 5)));
  }

  @Test
  void ignoresExecExitsAndOtherEvents() {
    TaskExit exec = TaskExit.newBuilder().setContainerId("web.r3").setId("exec-1").build();

    assertThat(
            ExitWatcher.decode(
                Any.newBuilder()
                    .setTypeUrl("containerd.events.TaskExit")
                    .setValue(exec.toByteString())
                    .build()))
        .isNull();
    assertThat(
            ExitWatcher.decode(Any.newBuilder().setTypeUrl("containerd.events.TaskStart").build()))
        .isNull();
  }

  @Test
  void exitFilterQuotesTopicAndNamespace() {
    assertThat(ExitWatcher.filter("skerry"))
        .isEqualTo("topic==\"/tasks/exit\",namespace==\"skerry\"");
  }
}
