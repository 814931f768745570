package dev.skerry.agent.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.runtime.FakeRuntime;
import dev.skerry.agent.security.EnrollmentServer;
import dev.skerry.agent.security.TestSigner;
import dev.skerry.agent.store.AgentStores;
import dev.skerry.agent.store.LocalEvent;
import dev.skerry.agent.store.SqliteStores;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.wire.Topics;
import dev.skerry.testsupport.TestCa;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device identity and signed desired state end to end on the agent side: a real Mosquitto that
 * requires client certificates of the test CA, a real SQLite agent.db, real TLS; containers are
 * FakeRuntime's, so "started" means the reconciler asked for it.
 */
class AgentIdentityIT {
  private static final String DEVICE = "id-dev";
  @TempDir Path dir;
  private final TestCa ca = TestCa.create("hub-ca");
  private final TestSigner signer = TestSigner.create();
  private final FakeRuntime runtime = new FakeRuntime();
  private Vertx vertx;
  private Mosquitto broker;
  private Agent agent;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    runtime.addImage("reg.local/web:1");
    runtime.addImage("reg.local/web:2");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (agent != null) {
      agent.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().join();
    if (broker != null) {
      broker.close();
    }
  }

  private Path data() {
    return dir.resolve("data");
  }

  /** A broker that takes only clients with a certificate of the test CA. */
  private void startMutualTlsBroker() throws Exception {
    Path pki = dir.resolve("broker");
    Path caFile = ca.writeCertificate(pki);
    Path[] server = ca.server("localhost", "127.0.0.1").writePem(pki, "server");
    broker =
        Mosquitto.start(
            dir,
            "cafile "
                + caFile
                + "\ncertfile "
                + server[1]
                + "\nkeyfile "
                + server[0]
                + "\nrequire_certificate true\nuse_identity_as_username true\nuser root\n");
  }

  /** What enrollment leaves in the data dir. */
  private void enrolledIdentity() throws Exception {
    Path id = data().resolve("identity");
    ca.client(DEVICE, "skerry-device").writePem(id, "device");
    ca.writeCertificate(id);
    signer.pin(data());
  }

  private Agent start(URI hub) {
    return Agent.start(
        new AgentConfig(
            null,
            DEVICE,
            hub,
            Map.of(),
            Path.of("/nonexistent.sock"),
            "skerry",
            data(),
            "127.0.0.1:0",
            Set.of(),
            AgentConfig.defaults().platform(),
            List.of(),
            AgentConfig.DEFAULT_LOG_MAX_BYTES),
        vertx,
        (v, c) -> runtime,
        Clock.systemUTC());
  }

  private static String doc(long revision, String image) {
    return "{\"v\":1,\"deviceId\":\""
        + DEVICE
        + "\",\"revision\":"
        + revision
        + ",\"issuedAt\":\"2026-12-01T00:00:00Z\",\"workloads\":[{\"deployment\":\"d\","
        + "\"revision\":"
        + revision
        + ",\"spec\":{\"name\":\"web\",\"image\":\""
        + image
        + "\"}}]}";
  }

  private void publish(MqttAsyncClient c, String json, String signature) throws Exception {
    MqttMessage m = new MqttMessage(json.getBytes(UTF_8));
    m.setQos(1);
    m.setRetained(true);
    if (signature != null) {
      MqttProperties p = new MqttProperties();
      p.setUserProperties(List.of(new UserProperty("skerry-sig", signature)));
      m.setProperties(p);
    }
    c.publish(Topics.desired(DEVICE), m).waitForCompletion(5000);
  }

  private MqttAsyncClient plainClient() throws Exception {
    MqttAsyncClient c =
        new MqttAsyncClient(
            broker.tcpUrl(), "attacker-" + System.nanoTime(), new MemoryPersistence());
    c.connect(new MqttConnectionOptions()).waitForCompletion(5000);
    return c;
  }

  private boolean started(String image) {
    return runtime.calls().stream()
            .anyMatch(call -> call.startsWith("create") && call.contains(image))
        || runtime.containers().values().stream().anyMatch(c -> c.image().equals(image));
  }

  private List<String> events() {
    return agent.recentEvents().stream().map(LocalEvent::message).toList();
  }

  @Test
  void connectsWithItsCertificateToABrokerThatRequiresOne() throws Exception {
    startMutualTlsBroker();
    enrolledIdentity();
    agent = start(URI.create("mqtts://localhost:" + broker.port()));
    await().atMost(Duration.ofSeconds(20)).until(() -> agent.status().connected());
  }

  @Test
  void enrollsWithAJoinTokenStoresItsIdentityAndConnectsToTheBrokerTheHubNamed() throws Exception {
    startMutualTlsBroker();
    try (EnrollmentServer hubApi = EnrollmentServer.start(ca)) {
      hubApi.mqttUrl("mqtts://localhost:" + broker.port());
      agent =
          Agent.start(
              new AgentConfig(
                  null,
                  DEVICE,
                  null,
                  Map.of(),
                  Path.of("/nonexistent.sock"),
                  "skerry",
                  data(),
                  "127.0.0.1:0",
                  Set.of(),
                  AgentConfig.defaults().platform(),
                  List.of(),
                  AgentConfig.DEFAULT_LOG_MAX_BYTES,
                  Map.of(),
                  null,
                  dev.skerry.agent.runtime.ImageStorage.defaults(),
                  AgentConfig.DEFAULT_OUTBOX_MAX,
                  null,
                  hubApi.token.encoded(),
                  null,
                  hubApi.url(),
                  false),
              vertx,
              (v, c) -> runtime,
              Clock.systemUTC());
      await().atMost(Duration.ofSeconds(20)).until(() -> agent.status().connected());
      assertThat(data().resolve("identity/device.key")).exists();
      assertThat(data().resolve("identity/mqtt-url"))
          .hasContent("mqtts://localhost:" + broker.port());
    }
  }

  @Test
  void renewsItsCertificateOverMqttAndReconnectsWithTheNewOne() throws Exception {
    startMutualTlsBroker();
    Path id = data().resolve("identity");
    java.security.KeyPair keys = TestCa.ecKeyPair();
    // Issued two hours ago for two and a half: past 2/3 of its life, still valid.
    var old = ca.issue(DEVICE, "skerry-device", keys, Duration.ofMinutes(30), false);
    Files.createDirectories(id);
    Files.writeString(id.resolve("device.key"), Pem.encode(keys.getPrivate()));
    Files.writeString(id.resolve("device.crt"), Pem.encode(old.certificate()));
    ca.writeCertificate(id);
    signer.pin(data());

    MqttAsyncClient hubClient =
        new MqttAsyncClient(
            "ssl://localhost:" + broker.port(), "skerry-hub.it", new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setSocketFactory(
        ca.clientContext(ca.client("skerry-hub.it", "skerry-hub")).getSocketFactory());
    hubClient.connect(o).waitForCompletion(10_000);
    var renewed = ca.issue(DEVICE, "skerry-device", keys, Duration.ofDays(90), false);
    hubClient.setCallback(
        new org.eclipse.paho.mqttv5.client.MqttCallback() {
          @Override
          public void messageArrived(String topic, MqttMessage message) {
            MqttProperties in = message.getProperties();
            MqttMessage answer =
                new MqttMessage(
                    ("{\"v\":1,\"certificate\":\""
                            + Pem.encode(renewed.certificate()).replace("\n", "\\n")
                            + "\"}")
                        .getBytes(UTF_8));
            answer.setQos(1);
            MqttProperties out = new MqttProperties();
            out.setCorrelationData(in.getCorrelationData());
            answer.setProperties(out);
            new Thread(
                    () -> {
                      try {
                        hubClient.publish(in.getResponseTopic(), answer);
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                    })
                .start();
          }

          @Override
          public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}

          @Override
          public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {}

          @Override
          public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) {}

          @Override
          public void connectComplete(boolean reconnect, String uri) {}

          @Override
          public void authPacketArrived(int code, MqttProperties p) {}
        });
    hubClient.subscribe("skerry/v1/devices/" + DEVICE + "/renew", 1).waitForCompletion(5000);

    agent = start(URI.create("mqtts://localhost:" + broker.port()));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Pem.certificate(Files.readString(id.resolve("device.crt")))
                    .equals(renewed.certificate()));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> agent.syncMetrics().connects() >= 2 && agent.status().connected());
    hubClient.disconnect().waitForCompletion(5000);
    hubClient.close(true);
  }

  @Test
  void theBrokerRefusesAClientWithoutACertificate() throws Exception {
    startMutualTlsBroker();
    MqttAsyncClient c =
        new MqttAsyncClient("ssl://localhost:" + broker.port(), "no-cert", new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setSocketFactory(ca.clientContext(null).getSocketFactory());
    o.setConnectionTimeout(5);
    assertThatThrownBy(() -> c.connect(o).waitForCompletion(10_000)).isNotNull();
    c.close(true);
  }

  @Test
  void unsignedAndForgedDocumentsOnAnOpenBrokerStartNothingAndAreReportedAsRefused()
      throws Exception {
    broker = Mosquitto.start(dir);
    signer.pin(data()); // pinned keys, no certificate: an open broker
    agent = start(URI.create("mqtt://127.0.0.1:" + broker.port()));
    await().atMost(Duration.ofSeconds(20)).until(() -> agent.status().connected());
    MqttAsyncClient attacker = plainClient();

    publish(attacker, doc(1, "reg.local/web:1"), null);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> events().stream().anyMatch(e -> e.contains("refused: unsigned")));
    String forged = doc(2, "reg.local/web:1");
    publish(attacker, forged, signer.sign(doc(2, "reg.local/web:2")));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> events().stream().anyMatch(e -> e.contains("refused: forged")));
    publish(
        attacker, doc(3, "reg.local/web:1"), TestSigner.create().sign(doc(3, "reg.local/web:1")));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> events().stream().anyMatch(e -> e.contains("refused: untrusted-key")));
    assertThat(runtime.containers()).isEmpty();
    assertThat(agent.status().desiredRevision()).isZero();

    // The hub's signed document is acted on: the refusals were about the signatures.
    String good = doc(4, "reg.local/web:1");
    publish(attacker, good, signer.sign(good));
    await().atMost(Duration.ofSeconds(15)).until(() -> started("reg.local/web:1"));
    attacker.disconnect().waitForCompletion(5000);
    attacker.close(true);
  }

  @Test
  void aReplayedOlderRevisionIsRefusedAlsoAfterARestart() throws Exception {
    broker = Mosquitto.start(dir);
    signer.pin(data());
    agent = start(URI.create("mqtt://127.0.0.1:" + broker.port()));
    await().atMost(Duration.ofSeconds(20)).until(() -> agent.status().connected());
    MqttAsyncClient hub = plainClient();
    String v1 = doc(1, "reg.local/web:1");
    String v2 = doc(2, "reg.local/web:2");
    publish(hub, v1, signer.sign(v1));
    await().atMost(Duration.ofSeconds(15)).until(() -> agent.status().desiredRevision() == 1);
    publish(hub, v2, signer.sign(v2));
    await().atMost(Duration.ofSeconds(15)).until(() -> agent.status().desiredRevision() == 2);
    agent.close();

    agent = start(URI.create("mqtt://127.0.0.1:" + broker.port()));
    await().atMost(Duration.ofSeconds(20)).until(() -> agent.status().connected());
    publish(hub, v1, signer.sign(v1)); // a captured, validly signed older document
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> events().stream().anyMatch(e -> e.contains("refused: replayed")));
    assertThat(agent.status().desiredRevision()).isEqualTo(2);
    hub.disconnect().waitForCompletion(5000);
    hub.close(true);
  }

  @Test
  void aTamperedAgentDbIsNotActedOnAtBoot() throws Exception {
    signer.pin(data());
    Files.createDirectories(data());
    try (AgentStores store = SqliteStores.open(data())) {
      String v1 = doc(1, "reg.local/web:1");
      store.desired().replaceSignedDesired(1, v1.getBytes(UTF_8), signer.sign(v1)).join();
    }
    agent = start(null);
    await().atMost(Duration.ofSeconds(10)).until(() -> started("reg.local/web:1"));
    agent.close();
    agent = null;
    runtime.clearCalls();

    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + data().resolve(SqliteStores.FILE_NAME));
        PreparedStatement ps =
            c.prepareStatement("UPDATE desired_document SET document = ?, revision = 7")) {
      ps.setBytes(1, doc(7, "evil.example/miner:1").getBytes(UTF_8));
      ps.executeUpdate();
    }
    agent = start(null);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> events().stream().anyMatch(e -> e.contains("does not verify")));
    assertThat(agent.status().desiredNotActedOn())
        .contains("stored desired revision 7 does not verify (forged");
    await().during(Duration.ofSeconds(2)).until(() -> runtime.calls().isEmpty());
    assertThat(started("evil.example/miner:1")).isFalse();
    assertThat(Pem.blocks(Files.readString(data().resolve("identity/signing-keys.pem"))))
        .hasSize(1);
  }
}
