package dev.skerry.agent.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryErrorsTest {
  @ParameterizedTest
  @CsvSource({
    "401, Unauthorized, false",
    "403, Unauthorized, false",
    "400, ImagePullFailed, false",
    "404, ImagePullFailed, false",
    "416, ImagePullFailed, false",
    "408, ImagePullFailed, true",
    "429, ImagePullFailed, true",
    "500, ImagePullFailed, true",
    "502, ImagePullFailed, true",
    "503, ImagePullFailed, true",
    "504, ImagePullFailed, true"
  })
  void eachHttpStatusBecomesItsReasonAndRetryVerdict(int status, String reason, boolean retry) {
    RegistryException e = RegistryErrors.ofStatus(status, "blob sha256:ab");

    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.retryable()).isEqualTo(retry);
    assertThat(e).hasMessage("registry answered HTTP " + status + " for blob sha256:ab");
  }

  @Test
  void anUnknownManifestIsImageNotFoundAndNotRetryable() {
    RegistryException e = RegistryErrors.manifestUnknown("no-such-tag", "skerry/busybox");

    assertThat(e.reason()).isEqualTo("ImageNotFound");
    assertThat(e.retryable()).isFalse();
    assertThat(e).hasMessage("registry has no manifest no-such-tag for skerry/busybox");
  }

  @Test
  void aRefusedConnectionIsRetryable() {
    ConnectException refused = new ConnectException("Connection refused: /127.0.0.1:5999");

    RegistryException e = RegistryErrors.ofTransport(refused, "manifest r/x:1", "127.0.0.1:5999");

    assertThat(e.reason()).isEqualTo("ImagePullFailed");
    assertThat(e.retryable()).isTrue();
    assertThat(e).hasCause(refused).hasMessageContaining("registry unreachable");
  }

  @Test
  void aTlsFailureIsNotRetryableAndNamesTheHostAndTheFix() {
    Exception wrapped =
        new RuntimeException("handshake", new SSLHandshakeException("PKIX path building failed"));

    RegistryException e = RegistryErrors.ofTransport(wrapped, "manifest r/x:1", "reg:5000");

    assertThat(e.reason()).isEqualTo("RegistryTlsFailed");
    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage())
        .contains("reg:5000", "PKIX path building failed", "ca-file or registry-ca");
  }

  @Test
  void aRegistryFailureInsideAFutureIsKeptAsItIs() {
    RegistryException tooMany =
        RegistryException.transientFailure("ImagePullFailed", "too many redirects", null);

    assertThat(RegistryErrors.ofTransport(tooMany, "blob", "reg:5000")).isSameAs(tooMany);
  }

  @Test
  void waitingOnABrokenExchangeGivesTheMappedFailure() {
    RegistryException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            RegistryException.class,
            () ->
                RegistryHttp.await(
                    Future.failedFuture(new ConnectException("Connection refused")),
                    "manifest r/x:1",
                    "127.0.0.1:1"));

    assertThat(e.retryable()).isTrue();
  }

  @Test
  void aTimeoutOrAnInterruptionIsRetryable() {
    assertThat(RegistryErrors.timeout("registry stalled", new TimeoutException()).retryable())
        .isTrue();
    RegistryException interrupted =
        RegistryErrors.interrupted("blob: interrupted", new InterruptedException());
    assertThat(Thread.interrupted()).isTrue();
    assertThat(interrupted.retryable()).isTrue();
  }
}
