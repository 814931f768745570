package dev.skerry.agent.runtime;

import io.vertx.grpc.common.GrpcStatus;

/**
 * The one place that decides what a containerd gRPC status means to the agent: a reason word and
 * whether a retry can help, following gRPC's own meaning of each code (server or link trouble and
 * contention pass; a bad request, a missing or existing object do not).
 */
final class ContainerdErrors {
  private ContainerdErrors() {}

  /** Runs a call for which {@code code} means "nothing to do" (NOT_FOUND on a delete). */
  static void ignoring(GrpcStatus code, Runnable call) {
    try {
      call.run();
    } catch (ContainerdException e) {
      if (!e.is(code)) {
        throw e;
      }
    }
  }

  /** The failure a containerd error becomes at the port. */
  static RuntimeFailure failure(ContainerdException e) {
    RuntimeFailure f = RuntimeFailure.of(e.reason(), e.getMessage(), e.retryable(), e.getCause());
    f.setStackTrace(e.getStackTrace());
    return f;
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
