package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.skerry.agent.registry.RegistryException;
import io.vertx.grpc.common.GrpcStatus;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class RuntimeBoundaryTest {
  @Test
  void aContainerdStatusNeverCrossesThePort() {
    Throwable thrown =
        catchThrowable(
            () ->
                RuntimeBoundary.run(
                    () -> {
                      throw new ContainerdException(GrpcStatus.NOT_FOUND, "Tasks/Get: gone", null);
                    }));

    assertThat(thrown).isInstanceOf(PermanentFailure.class).hasMessage("Tasks/Get: gone");
    assertThat(((RuntimeFailure) thrown).reason()).isEqualTo("NotFound");
  }

  @Test
  void anUnreachableContainerdIsATransientFailure() {
    ConnectException refused = new ConnectException("Connection refused");
    Throwable thrown =
        catchThrowable(
            () ->
                RuntimeBoundary.call(
                    () -> {
                      throw new ContainerdException(
                          GrpcStatus.UNAVAILABLE, "containerd unreachable", refused);
                    }));

    assertThat(thrown).isInstanceOf(TransientFailure.class).hasCause(refused);
  }

  @Test
  void aRegistryFailureKeepsItsReasonAndVerdict() {
    ConnectException refused = new ConnectException("Connection refused");
    Throwable unreachable =
        RuntimeBoundary.translate(
            RegistryException.transientFailure("ImagePullFailed", "registry unreachable", refused));
    Throwable unknown =
        RuntimeBoundary.translate(
            RegistryException.permanentFailure("ImageNotFound", "no manifest 9", null));

    assertThat(unreachable).isInstanceOf(TransientFailure.class).hasCause(refused);
    assertThat(((RuntimeFailure) unreachable).reason()).isEqualTo("ImagePullFailed");
    assertThat(unknown).isInstanceOf(PermanentFailure.class).hasMessage("no manifest 9");
    assertThat(((RuntimeFailure) unknown).reason()).isEqualTo("ImageNotFound");
  }

  @Test
  void anUntypedFailureBecomesTheKindItsFlagSays() {
    RuntimeFailure plain = new RuntimeFailure("InvalidReference", "bad", false);

    assertThat(RuntimeBoundary.translate(plain))
        .isInstanceOf(PermanentFailure.class)
        .hasMessage("bad");
    assertThat(RuntimeBoundary.translate(new RuntimeFailure("Busy", "later", true)))
        .isInstanceOf(TransientFailure.class);
  }

  @Test
  void typedFailuresAndProgrammingErrorsPassUnchanged() {
    TransientFailure typed = new TransientFailure("RuntimeUnavailable", "down");
    IllegalStateException bug = new IllegalStateException("bug");

    assertThat(RuntimeBoundary.translate(typed)).isSameAs(typed);
    assertThat(RuntimeBoundary.translate(bug)).isSameAs(bug);
  }

  @Test
  void aFailedExecFutureFailsWithThePortsFailure() {
    CompletableFuture<String> failed =
        RuntimeBoundary.future(
            () ->
                CompletableFuture.failedFuture(
                    new ContainerdException(GrpcStatus.FAILED_PRECONDITION, "not running", null)));
    CompletableFuture<String> timedOut =
        RuntimeBoundary.future(
            () -> CompletableFuture.failedFuture(new TimeoutException("timed out after 1s")));

    assertThat(catchThrowable(failed::get))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(PermanentFailure.class);
    assertThat(catchThrowable(timedOut::get)).cause().isInstanceOf(TimeoutException.class);
  }
}
