package dev.skerry.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.runtime.FakeRuntime;
import dev.skerry.testsupport.TestCa;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent over {@code mqtts://}: it verifies the broker's certificate against --mqtt-ca. */
class AgentTlsIT {
  @TempDir Path dir;
  private Mosquitto broker;
  private TestCa ca;
  private Path caCert;
  private Vertx vertx;
  private Agent agent;

  @BeforeEach
  void setUp() throws Exception {
    ca = TestCa.create("skerry-test-ca");
    caCert = ca.writeCertificate(dir.resolve("ca"));
    Path[] server = ca.server("localhost", "127.0.0.1").writePem(dir.resolve("ca"), "server");
    broker =
        Mosquitto.start(
            dir,
            "cafile "
                + caCert
                + "\ncertfile "
                + server[1]
                + "\nkeyfile "
                + server[0]
                + "\nuser root\n");
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (agent != null) {
      agent.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().join();
    broker.close();
  }

  private Agent start(Path mqttCa) {
    return Agent.start(
        new AgentConfig(
            null,
            "tls-dev",
            URI.create("mqtts://localhost:" + broker.port()),
            Map.of(),
            Path.of("/nonexistent.sock"),
            "skerry",
            dir.resolve("data"),
            "127.0.0.1:0",
            Set.of(),
            AgentConfig.defaults().platform(),
            List.of(),
            AgentConfig.DEFAULT_LOG_MAX_BYTES,
            Map.of(),
            null,
            dev.skerry.agent.runtime.ImageStorage.defaults(),
            AgentConfig.DEFAULT_OUTBOX_MAX,
            mqttCa),
        vertx,
        (v, c) -> new FakeRuntime(),
        Clock.systemUTC());
  }

  @Test
  void connectsWhenTheBrokerCertificateChainsToTheGivenCa() {
    agent = start(caCert);
    await().atMost(Duration.ofSeconds(20)).until(() -> agent.status().connected());
  }

  @Test
  void refusesABrokerCertificateFromAnotherCa() throws Exception {
    TestCa other = TestCa.create("other-ca");
    agent = start(other.writeCertificate(dir.resolve("other")));
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(10))
        .until(() -> !agent.status().connected());
    assertThat(agent.syncMetrics().connects()).isZero();
  }
}
