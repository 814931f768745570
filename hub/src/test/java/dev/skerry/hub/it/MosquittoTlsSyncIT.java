package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.testsupport.OwnMosquitto;
import dev.skerry.testsupport.TestCa;
import java.nio.file.Path;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/**
 * The sync protocol suite through mosquitto over TLS ({@code mqtts://}), its certificate issued by
 * a CA the test makes; the hub trusts it through {@code --mqtt-ca} and checks the host name.
 */
class MosquittoTlsSyncIT extends SyncProtocolSuite {
  private OwnMosquitto broker;
  private TestCa ca;

  @Override
  TestHub startHub(Path dir) throws Exception {
    ca = TestCa.create("skerry-test-ca");
    broker = OwnMosquitto.start(dir, ca);
    return TestHub.external(
        dir.resolve("hub"), broker.url(), ca.writeCertificate(dir.resolve("ca")));
  }

  @Override
  SSLSocketFactory deviceTls() throws Exception {
    return ca.clientContext(null).getSocketFactory();
  }

  @Override
  void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void theHubRefusesABrokerWhoseCertificateItCannotVerify() throws Exception {
    TestCa stranger = TestCa.create("stranger-ca");
    assertThatThrownBy(
            () ->
                TestHub.external(
                    dir.resolve("hub2"),
                    broker.url(),
                    stranger.writeCertificate(dir.resolve("other-ca"))))
        .hasMessageContaining("cannot connect");
  }
}
