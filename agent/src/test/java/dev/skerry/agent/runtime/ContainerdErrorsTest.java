package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.grpc.common.GrpcStatus;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ContainerdErrorsTest {
  private static final Set<GrpcStatus> RETRYABLE =
      EnumSet.of(
          GrpcStatus.UNAVAILABLE,
          GrpcStatus.DEADLINE_EXCEEDED,
          GrpcStatus.ABORTED,
          GrpcStatus.RESOURCE_EXHAUSTED,
          GrpcStatus.UNKNOWN,
          GrpcStatus.INTERNAL);

  @ParameterizedTest
  @CsvSource({
    "UNAVAILABLE, RuntimeUnavailable, true",
    "DEADLINE_EXCEEDED, Timeout, true",
    "ABORTED, RuntimeError, true",
    "RESOURCE_EXHAUSTED, DiskFull, true",
    "UNKNOWN, RuntimeError, true",
    "INTERNAL, RuntimeError, true",
    "NOT_FOUND, NotFound, false",
    "ALREADY_EXISTS, AlreadyExists, false",
    "INVALID_ARGUMENT, InvalidRequest, false",
    "FAILED_PRECONDITION, InvalidRequest, false",
    "OUT_OF_RANGE, InvalidRequest, false",
    "PERMISSION_DENIED, RuntimeError, false",
    "UNAUTHENTICATED, RuntimeError, false",
    "UNIMPLEMENTED, RuntimeError, false",
    "CANCELLED, RuntimeError, false",
    "DATA_LOSS, RuntimeError, false"
  })
  void eachStatusBecomesItsReasonAndRetryVerdict(
      GrpcStatus status, String reason, boolean retryable) {
    RuntimeFailure f =
        ContainerdErrors.failure(new ContainerdException(status, "Tasks/Get: boom", null));

    assertThat(f.reason()).isEqualTo(reason);
    assertThat(f.retryable()).isEqualTo(retryable);
    assertThat(f).isInstanceOf(retryable ? TransientFailure.class : PermanentFailure.class);
    assertThat(f.getMessage()).isEqualTo("Tasks/Get: boom");
  }

  @ParameterizedTest
  @EnumSource(value = GrpcStatus.class, names = "OK", mode = EnumSource.Mode.EXCLUDE)
  void everyStatusButOkIsOfExactlyOneKind(GrpcStatus status) {
    RuntimeFailure f = ContainerdErrors.failure(new ContainerdException(status, "x", null));

    assertThat(f.retryable()).isEqualTo(RETRYABLE.contains(status));
    assertThat(f instanceof TransientFailure).isNotEqualTo(f instanceof PermanentFailure);
  }

  @Test
  void noSpaceLeftOnDeviceIsDiskFullWhateverTheCode() {
    RuntimeFailure f =
        ContainerdErrors.failure(
            new ContainerdException(
                GrpcStatus.UNKNOWN,
                "failed to extract layer: write /var/lib/containerd/x: no space left on device",
                null));

    assertThat(f.reason()).isEqualTo("DiskFull");
    assertThat(f).isInstanceOf(TransientFailure.class);
  }

  @Test
  void theTranslatedFailureKeepsTheTransportCauseButNotTheGrpcStatus() {
    IOException refused = new IOException("connection refused");
    RuntimeFailure f =
        ContainerdErrors.failure(
            new ContainerdException(GrpcStatus.UNAVAILABLE, "containerd unreachable", refused));

    assertThat(f.getCause()).isSameAs(refused);
  }

  @Test
  void ignoringSwallowsOnlyTheNamedStatus() {
    ContainerdErrors.ignoring(
        GrpcStatus.NOT_FOUND,
        () -> {
          throw new ContainerdException(GrpcStatus.NOT_FOUND, "gone", null);
        });

    assertThatThrownBy(
            () ->
                ContainerdErrors.ignoring(
                    GrpcStatus.NOT_FOUND,
                    () -> {
                      throw new ContainerdException(GrpcStatus.UNAVAILABLE, "down", null);
                    }))
        .isInstanceOf(ContainerdException.class);
  }
}
