package dev.skerry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.core.identity.Fingerprints;
import dev.skerry.core.tls.TlsContexts;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/** Real handshakes over loopback with contexts from {@link TlsContexts}. */
class TlsContextsTest {
  private final TestCa ca = TestCa.create("test-ca");
  private final TestCa otherCa = TestCa.create("other-ca");

  @Test
  void aClientWithACertificateOfTheCaIsAcceptedByAServerThatRequiresOne() throws Exception {
    String peer = handshake(ca.clientContext(ca.client("dev-1", "skerry-device")));
    assertThat(peer).contains("CN=dev-1");
  }

  @Test
  void aClientWithoutACertificateIsRefused() {
    assertThatThrownBy(() -> handshake(ca.clientContext(null))).isInstanceOf(IOException.class);
  }

  @Test
  void aPinnedContextTrustsTheServerWhoseChainHoldsThePinnedCa() throws Exception {
    SSLContext pinned = TlsContexts.pinned(Fingerprints.of(ca.certificate()));
    assertThat(handshake(pinned, false)).isEqualTo("no client certificate");
  }

  @Test
  void aPinnedContextRefusesAServerOfAnotherCa() {
    SSLContext pinned = TlsContexts.pinned(Fingerprints.of(otherCa.certificate()));
    assertThatThrownBy(() -> handshake(pinned, false)).isInstanceOf(IOException.class);
  }

  private String handshake(SSLContext client) throws Exception {
    return handshake(client, true);
  }

  private String handshake(SSLContext client, boolean needClientAuth) throws Exception {
    SSLContext server =
        TlsContexts.of(List.of(ca.certificate()), ca.server("localhost", "127.0.0.1").identity());
    try (SSLServerSocket ss =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ss.setNeedClientAuth(needClientAuth);
      CompletableFuture<String> accepted =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                  s.startHandshake();
                  s.getOutputStream().write(1);
                  return needClientAuth
                      ? s.getSession().getPeerPrincipal().getName()
                      : "no client certificate";
                } catch (IOException e) {
                  return "refused";
                }
              });
      try (SSLSocket c =
          (SSLSocket)
              client
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), ss.getLocalPort())) {
        c.startHandshake();
        if (c.getInputStream().read() != 1) {
          throw new IOException("closed by the server");
        }
      }
      return accepted.get();
    }
  }
}
