package dev.skerry.agent.runtime;

import io.vertx.grpc.common.GrpcStatus;

/**
 * A containerd call ended with a non-OK gRPC status (or never reached containerd). Keeps the status
 * so that callers can act on NOT_FOUND / ALREADY_EXISTS; the reason and retry flag follow gRPC's
 * meaning of each code.
 */
public final class ContainerdException extends RuntimeFailure {
  private static final long serialVersionUID = 1L;
  private final transient GrpcStatus status;

  public ContainerdException(GrpcStatus status, String message, Throwable cause) {
    super(reasonOf(status, message), message, retryableOf(status), cause);
    this.status = status;
  }

  public GrpcStatus status() {
    return status;
  }

  public boolean is(GrpcStatus code) {
    return status == code;
  }

  /** As {@link #reasonOf(GrpcStatus)}, but ENOSPC reported as an UNKNOWN error is DiskFull. */
  static String reasonOf(GrpcStatus status, String message) {
    if (message != null && message.contains("no space left on device")) {
      return "DiskFull";
    }
    return reasonOf(status);
  }

  /** The short reason word for a status. */
  static String reasonOf(GrpcStatus status) {
    return switch (status) {
      case UNAVAILABLE -> "RuntimeUnavailable";
      case NOT_FOUND -> "NotFound";
      case ALREADY_EXISTS -> "AlreadyExists";
      case RESOURCE_EXHAUSTED -> "DiskFull";
      case DEADLINE_EXCEEDED -> "Timeout";
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> "InvalidRequest";
      default -> "RuntimeError";
    };
  }

  /** Codes after which the same call may succeed later (server or link trouble, contention). */
  static boolean retryableOf(GrpcStatus status) {
    return switch (status) {
      case UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, RESOURCE_EXHAUSTED, UNKNOWN, INTERNAL -> true;
      default -> false;
    };
  }
}
