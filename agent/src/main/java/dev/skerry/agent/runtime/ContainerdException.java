package dev.skerry.agent.runtime;

import io.vertx.grpc.common.GrpcStatus;

/**
 * A containerd call ended with a non-OK gRPC status (or never reached containerd). It keeps the
 * status so that the adapter can act on NOT_FOUND / ALREADY_EXISTS, and it never leaves this
 * package: {@link RuntimeBoundary} turns it into a {@link TransientFailure} or {@link
 * PermanentFailure} as {@link ContainerdErrors} decides.
 */
final class ContainerdException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient GrpcStatus status;

  ContainerdException(GrpcStatus status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  GrpcStatus status() {
    return status;
  }

  boolean is(GrpcStatus code) {
    return status == code;
  }

  /** The reason word of this failure. */
  String reason() {
    return ContainerdErrors.reasonOf(status, getMessage());
  }

  /** Whether the same call may succeed later. */
  boolean retryable() {
    return ContainerdErrors.retryableOf(status);
  }
}
