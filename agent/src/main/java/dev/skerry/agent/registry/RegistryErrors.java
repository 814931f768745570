package dev.skerry.agent.registry;

import javax.net.ssl.SSLException;

/**
 * The one place that decides what a registry's answer or a broken exchange means: which reason
 * word, and whether a retry can help. HTTP 408, 429 and 5xx, refused or broken connections and
 * timeouts can pass; an unknown manifest, a refused login and a TLS failure (untrusted CA, wrong
 * host name) cannot.
 */
final class RegistryErrors {
  static final String PULL_FAILED = "ImagePullFailed";
  static final String NOT_FOUND = "ImageNotFound";
  static final String UNAUTHORIZED = "Unauthorized";
  static final String TLS_FAILED = "RegistryTlsFailed";

  private RegistryErrors() {}

  /** Whether a non-200 HTTP status may turn into a success later. */
  static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /** A non-200 answer to a GET of {@code what}. */
  static RegistryException ofStatus(int status, String what) {
    String reason = status == 401 || status == 403 ? UNAUTHORIZED : PULL_FAILED;
    return new RegistryException(
        reason, "registry answered HTTP " + status + " for " + what, retryable(status), null);
  }

  /** A 404 to a manifest GET: the tag or digest does not exist (MANIFEST_UNKNOWN). */
  static RegistryException manifestUnknown(String reference, String repository) {
    return RegistryException.permanentFailure(
        NOT_FOUND, "registry has no manifest " + reference + " for " + repository, null);
  }

  /**
   * An exchange with {@code host} that broke before an answer: a TLS failure is not retryable (the
   * trust must change), anything else (refused, reset, DNS) is.
   */
  static RegistryException ofTransport(Throwable error, String what, String host) {
    if (error instanceof RegistryException re) {
      return re;
    }
    SSLException tls = tlsCause(error);
    if (tls != null) {
      return RegistryException.permanentFailure(
          TLS_FAILED,
          "TLS with registry "
              + host
              + " failed ("
              + rootMessage(tls)
              + "); if it uses a private CA, set its ca-file or registry-ca",
          tls);
    }
    return RegistryException.transientFailure(
        PULL_FAILED, what + ": registry unreachable: " + error.getMessage(), error);
  }

  /** The registry stopped answering or sending within the time limit. */
  static RegistryException timeout(String message, Throwable cause) {
    return RegistryException.transientFailure(PULL_FAILED, message, cause);
  }

  /** The waiting worker was interrupted (agent shutting down): another attempt may work. */
  static RegistryException interrupted(String message, InterruptedException cause) {
    Thread.currentThread().interrupt();
    return RegistryException.transientFailure(PULL_FAILED, message, cause);
  }

  private static SSLException tlsCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SSLException ssl) {
        return ssl;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
  }
}
