package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.core.tls.TlsContexts;
import dev.skerry.testsupport.OwnMosquitto;
import dev.skerry.testsupport.TestCa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mosquitto with exactly the configuration docs/security.md gives (read out of that file, so the
 * two cannot drift apart): the shared confinement cases, plus what Mosquitto does with a client id
 * other than the CN (it cannot refuse it, but the rights follow the CN).
 */
class BrokerAuthorizationMosquittoIT extends BrokerAuthorizationSuite {
  @TempDir static Path dir;
  static TestCa ca;
  static String hubCn;
  static OwnMosquitto broker;

  @BeforeAll
  static void start() throws IOException {
    ca = TestCa.create("skerry-test");
    ca.writeCertificate(dir);
    ca.server("localhost", "127.0.0.1").writePem(dir, "server");
    // The documented crlfile: this CA has revoked nothing.
    Files.writeString(
        dir.resolve("crl.pem"),
        dev.skerry.hub.security.RevocationList.encode(
            ca.certificate(), ca.key(), List.of(), java.time.Instant.now(), Duration.ofDays(1)));
    List<String> blocks = MosquittoDocConfig.blocks(MosquittoDocConfig.securityDoc());
    String acl = blocks.get(1);
    hubCn = MosquittoDocConfig.hubUser(acl);
    Files.writeString(dir.resolve("acl"), acl);
    broker =
        OwnMosquitto.start(dir, true, port -> MosquittoDocConfig.forTest(blocks.get(0), dir, port));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (broker != null) {
      broker.close();
    }
  }

  @Override
  String url() {
    return broker.url();
  }

  @Override
  X509Certificate ca() {
    return ca.certificate();
  }

  @Override
  TlsContexts.Identity issue(String cn, String ou) {
    return ca.client(cn, ou).identity();
  }

  @Override
  String hubCn() {
    return hubCn;
  }

  /**
   * Mosquitto has no setting that ties the client id to the certificate (the embedded broker
   * refuses the connection instead). What the documented ACL guarantees is that {@code %u}, the CN,
   * and not {@code %c}, the client id the device chooses, decides the rights.
   */
  @Test
  void acceptsAClientIdOtherThanTheCnButGrantsOnlyTheCnsTopics() throws Exception {
    try (CertDevice d =
            CertDevice.connect(url(), "cn-other", ca(), issue("cn-own", "skerry-device"));
        CertDevice hub = observer()) {
      d.subscribe("skerry/v1/devices/cn-other/desired");
      d.subscribe("skerry/v1/devices/cn-own/desired");
      hub.publish("skerry/v1/devices/cn-other/desired", "secret", false);
      hub.publish("skerry/v1/devices/cn-own/desired", "own", false);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> d.received.contains("skerry/v1/devices/cn-own/desired own"));
      assertThat(d.received).noneMatch(m -> m.contains("secret"));
    }
  }

  /**
   * The consequence of the client id not being checked: another device's certificate may take the
   * client id of a connected device and so end its session (MQTT's session take-over). The embedded
   * broker refuses that connection (client id not the CN).
   */
  @Test
  void aDeviceCanTakeOverAnotherDevicesClientIdAndDisconnectIt() throws Exception {
    try (CertDevice victim = device("kick-v");
        CertDevice other =
            CertDevice.connect(url(), "kick-v", ca(), issue("kick-x", "skerry-device"))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> victim.disconnected);
      assertThat(other.client.isConnected()).isTrue();
    }
  }

  /**
   * Mosquitto's acl_file checks {@code read} when it delivers a message, not when a client
   * subscribes: a subscription outside the device's subtree is granted (SUBACK 0x01) and stays
   * silent. The embedded broker refuses it (BrokerAuthorizationIT); this pins Mosquitto's behaviour
   * so docs/security.md stays true.
   */
  @Test
  void grantsForeignSubscriptionsButDeliversNothingOnThem() throws Exception {
    try (CertDevice a = device("sub-a")) {
      assertThat(a.subscribe("skerry/v1/devices/sub-b/desired")).isLessThan(0x80);
    }
  }

  /** The two code blocks under docs/security.md's Mosquitto heading, made runnable by a test. */
  static final class MosquittoDocConfig {
    private MosquittoDocConfig() {}

    static String securityDoc() throws IOException {
      for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
        Path doc = d.resolve("docs/security.md");
        if (Files.exists(doc)) {
          return Files.readString(doc);
        }
      }
      throw new IOException("docs/security.md not found above " + Path.of("").toAbsolutePath());
    }

    /** The fenced blocks between the {@code ### Mosquitto} heading and the next heading. */
    static List<String> blocks(String doc) {
      int start = doc.indexOf("\n### Mosquitto");
      int end = doc.indexOf("\n#", doc.indexOf('\n', start + 1));
      // A "#" at a line start inside a fence is a comment, not a heading: skip fenced text.
      List<String> out = new ArrayList<>();
      String[] lines = doc.substring(start + 1).split("\n", -1);
      StringBuilder block = null;
      for (int i = 1; i < lines.length; i++) {
        String line = lines[i];
        if (line.startsWith("```")) {
          if (block == null) {
            block = new StringBuilder();
          } else {
            out.add(block.toString());
            block = null;
          }
        } else if (block != null) {
          block.append(line).append('\n');
        } else if (line.startsWith("#")) {
          break;
        }
      }
      assertThat(end).isGreaterThan(start);
      assertThat(out).as("mosquitto.conf and acl blocks").hasSize(2);
      return out;
    }

    /** The name of the hub's {@code user} line in the acl. */
    static String hubUser(String acl) {
      return acl.lines()
          .filter(l -> l.startsWith("user "))
          .map(l -> l.substring("user ".length()).trim())
          .findFirst()
          .orElseThrow(() -> new AssertionError("no user line in the documented acl"));
    }

    /**
     * The documented mosquitto.conf with its paths in the test's directory and its listener on
     * {@code port} of 127.0.0.1; nothing else changes.
     */
    static String forTest(String conf, Path dir, int port) {
      assertThat(conf).contains("\nlistener 8883\n");
      return conf.replace("/etc/mosquitto/skerry/", dir.toAbsolutePath() + "/")
          .replace("\nlistener 8883\n", "\nlistener " + port + " 127.0.0.1\n");
    }
  }
}
