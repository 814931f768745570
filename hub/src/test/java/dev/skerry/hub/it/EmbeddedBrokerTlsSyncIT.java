package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.hub.mqtt.BrokerStartException;
import dev.skerry.testsupport.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/**
 * The sync protocol suite through the hub's embedded broker over TLS: its TLS listener serves a key
 * and certificate chain from a PKCS#12 keystore, issued by a CA the test makes; the devices trust
 * only that CA and check the host name.
 */
class EmbeddedBrokerTlsSyncIT extends SyncProtocolSuite {
  private TestCa ca;

  @Override
  TestHub startHub(Path dir) throws Exception {
    ca = TestCa.create("skerry-test-ca");
    Path password = Files.writeString(dir.resolve("keystore.password"), "s3cret\n");
    return TestHub.embeddedTls(dir.resolve("hub"), keystore(dir), password);
  }

  @Override
  SSLSocketFactory deviceTls() throws Exception {
    return ca.clientContext(null).getSocketFactory();
  }

  private Path keystore(Path dir) throws Exception {
    return ca.server("localhost", "127.0.0.1")
        .pkcs12(dir.resolve("ca").resolve("server.p12"), "broker", "s3cret");
  }

  @Test
  void aKeystoreWithTheWrongPasswordStopsTheHubWithAClearError() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong.password"), "nope\n");

    assertThatThrownBy(() -> TestHub.embeddedTls(dir.resolve("hub2"), keystore(dir), wrong))
        .isInstanceOf(BrokerStartException.class)
        .hasMessageContaining("cannot open the TLS keystore");
  }
}
