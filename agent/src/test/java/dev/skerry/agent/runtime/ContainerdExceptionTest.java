package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import dev.skerry.containerd.events.TaskExit;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerdExceptionTest {
  @Test
  void unavailableMeansRuntimeUnavailableAndRetry() {
    ContainerdException e = new ContainerdException(GrpcStatus.UNAVAILABLE, "down", null);

    assertThat(e.reason()).isEqualTo("RuntimeUnavailable");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void noSpaceLeftOnDeviceIsDiskFullWhateverTheCode() {
    ContainerdException e =
        new ContainerdException(
            GrpcStatus.UNKNOWN,
            "failed to extract layer: write /var/lib/containerd/x: no space left on device",
            null);

    assertThat(e.reason()).isEqualTo("DiskFull");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void clientErrorsAreNotRetryable() {
    for (GrpcStatus s :
        new GrpcStatus[] {
          GrpcStatus.NOT_FOUND,
          GrpcStatus.ALREADY_EXISTS,
          GrpcStatus.INVALID_ARGUMENT,
          GrpcStatus.FAILED_PRECONDITION,
          GrpcStatus.PERMISSION_DENIED
        }) {
      assertThat(new ContainerdException(s, "x", null).retryable()).as(s.name()).isFalse();
    }
    assertThat(new ContainerdException(GrpcStatus.NOT_FOUND, "x", null).reason())
        .isEqualTo("NotFound");
    assertThat(new ContainerdException(GrpcStatus.RESOURCE_EXHAUSTED, "x", null).reason())
        .isEqualTo("DiskFull");
  }

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
