package dev.skerry.agent.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skerry.agent.runtime.FakeRuntime;
import dev.skerry.agent.security.TestSigner;
import dev.skerry.core.wire.Command;
import dev.skerry.core.wire.CommandResponse;
import dev.skerry.core.wire.Event;
import dev.skerry.core.wire.StatusReport;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events from the agent to the hub across outages, with a real mosquitto and the agent's real
 * SQLite store; {@link EventHub} keeps events as the hub does (once per number) and acknowledges.
 */
class AgentSyncIT {
  private static final String DEVICE = "sync-dev-1";
  private static final Duration LONG = Duration.ofSeconds(60);
  @TempDir Path dir;
  private Mosquitto broker;
  private EventHub eventHub;
  private HubClient hub;
  private final TestSigner signer = TestSigner.create();
  private Vertx vertx;
  private Agent agent;

  @BeforeEach
  void setUp() throws Exception {
    broker = Mosquitto.start(dir);
    eventHub = new EventHub(broker.tcpUrl(), DEVICE);
    signer.pin(dir.resolve("data")); // as enrollment would: documents are verified
    hub = new HubClient(broker.tcpUrl(), signer);
    hub.subscribe(Topics.reported(DEVICE));
    hub.subscribe(Topics.events(DEVICE));
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (agent != null) {
      agent.close();
    }
    hub.close();
    eventHub.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
    broker.close();
  }

  private Agent startAgent(int outboxMax) {
    return startAgent(outboxMax, new FakeRuntime());
  }

  private Agent startAgent(int outboxMax, FakeRuntime runtime) {
    AgentConfig config =
        new AgentConfig(
            null,
            DEVICE,
            URI.create("mqtt://127.0.0.1:" + broker.port()),
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
            outboxMax,
            null);
    return Agent.start(config, vertx, (v, c) -> runtime, Clock.systemUTC());
  }

  private void logEvents(int from, int to) {
    for (int i = from; i <= to; i++) {
      agent.logEvent("web", "restarted", "restart " + i);
    }
  }

  private static List<Long> oneTo(long n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }

  @Test
  void everyEventLoggedWhileTheBrokerIsDownIsStoredExactlyOnceAfterItReturns() throws Exception {
    agent = startAgent(1000);
    await().until(() -> agent.status().connected());
    logEvents(1, 20);
    await().atMost(LONG).until(() -> eventHub.seqs().size() == 20);

    broker.stop();
    await().until(() -> !agent.status().connected());
    logEvents(21, 60);
    broker.restart();

    await().atMost(LONG).until(() -> eventHub.contiguous() == 60);
    assertThat(eventHub.seqs()).isEqualTo(oneTo(60));
    assertThat(eventHub.events().get(42L).message()).isEqualTo("restart 42");
    await().atMost(LONG).until(() -> agent.outboxPending() == 0);
  }

  @Test
  void theBrokerRestartedMidStreamLosesNoEvent() throws Exception {
    agent = startAgent(1000);
    await().until(() -> agent.status().connected());
    Thread writer = new Thread(() -> logEvents(1, 300));
    writer.start();
    await().until(() -> eventHub.seqs().size() >= 20);
    broker.stop();
    broker.restart();
    writer.join();

    await().atMost(LONG).until(() -> eventHub.contiguous() == 300);
    assertThat(eventHub.seqs()).isEqualTo(oneTo(300));
    await().atMost(LONG).until(() -> agent.outboxPending() == 0);
  }

  @Test
  void eventsPendingAcrossAnAgentRestartAreReplayedFromSqlite() throws Exception {
    broker.stop();
    agent = startAgent(1000);
    logEvents(1, 15);
    agent.close();
    broker.restart();

    agent = startAgent(1000);
    await().atMost(LONG).until(() -> eventHub.contiguous() == 15);
    assertThat(eventHub.seqs()).isEqualTo(oneTo(15));
  }

  @Test
  void aFullOutboxDropsTheOldestEventsAndSaysSoInReportsAndTheAckStillAdvances() throws Exception {
    broker.stop();
    agent = startAgent(10);
    logEvents(1, 25);
    broker.restart();
    hub = new HubClient(broker.tcpUrl(), signer); // the old one lost its connection with the broker
    hub.subscribe(Topics.reported(DEVICE));

    await().atMost(LONG).until(() -> eventHub.contiguous() == 25);
    assertThat(eventHub.seqs()).isSubsetOf(oneTo(25)).contains(25L).doesNotContain(1L);
    await()
        .atMost(LONG)
        .until(
            () ->
                hub.on(Topics.reported(DEVICE)).stream()
                    .map(r -> read(r.payload(), StatusReport.class))
                    .anyMatch(r -> r.eventsDropped() >= 15));
  }

  @Test
  void aDesiredDocumentOfAnUnknownVersionIsAnsweredWithAnErrorEventNamingIt() throws Exception {
    agent = startAgent(1000);
    await().until(() -> agent.status().connected());
    hub.publish(
        Topics.desired(DEVICE),
        ("{\"v\":2,\"deviceId\":\"" + DEVICE + "\",\"revision\":9,\"workloads\":[]}")
            .getBytes(UTF_8),
        true); // retained (this test's own broker): connected() may come before the subscription

    await()
        .atMost(LONG)
        .until(
            () ->
                eventHub.events().values().stream()
                    .anyMatch(
                        e -> e.kind().equals(Event.ERROR) && e.message().contains("version v=2")));
    assertThat(agent.status().desiredRevision()).isZero();
  }

  @Test
  void answersLogsAndRestartCommandsOnTheResponseTopic() throws Exception {
    FakeRuntime runtime = new FakeRuntime();
    agent = startAgent(1000, runtime);
    hub.publish(
        Topics.desired(DEVICE),
        ("{\"v\":1,\"deviceId\":\""
                + DEVICE
                + "\",\"revision\":1,\"workloads\":[{\"deployment\":\"d\",\"revision\":1,"
                + "\"spec\":{\"name\":\"web\",\"image\":\"reg.local/web:1\"}}]}")
            .getBytes(UTF_8),
        true);
    await().atMost(LONG).until(() -> runtime.containers().containsKey("web.r1"));
    java.nio.file.Files.createDirectories(dir.resolve("data/logs"));
    java.nio.file.Files.writeString(dir.resolve("data/logs/web.r1.log"), "one\ntwo\nthree\n");

    try (Requester requester = new Requester(broker.tcpUrl(), DEVICE)) {
      CommandResponse logs =
          requester.call(new Command(1, DEVICE, "c1", Command.LOGS, "web", 2, null));
      assertThat(logs.status()).isEqualTo(CommandResponse.OK);
      assertThat(logs.lines()).containsExactly("two", "three");

      runtime.clearCalls();
      CommandResponse restart =
          requester.call(new Command(1, DEVICE, "c2", Command.RESTART, "web", null, null));
      assertThat(restart.status()).isEqualTo(CommandResponse.OK);
      assertThat(runtime.calls()).anyMatch(c -> c.startsWith("restart"));

      CommandResponse missing =
          requester.call(new Command(1, DEVICE, "c3", Command.LOGS, "nope", 5, null));
      assertThat(missing.status()).isEqualTo(CommandResponse.NOT_FOUND);
    }
    hub.publish(Topics.desired(DEVICE), new byte[0], true);
  }

  private static byte[] desired(long revision, String image) {
    return ("{\"v\":1,\"deviceId\":\""
            + DEVICE
            + "\",\"revision\":"
            + revision
            + ",\"workloads\":[{\"deployment\":\"d\",\"revision\":1,"
            + "\"spec\":{\"name\":\"web\",\"image\":\""
            + image
            + "\"}}]}")
        .getBytes(UTF_8);
  }

  @Test
  void desiredStateChangedWhileTheDeviceIsAwayIsAppliedOnReturnAndAnOlderOneIgnored()
      throws Exception {
    FakeRuntime runtime = new FakeRuntime();
    agent = startAgent(1000, runtime);
    hub.publish(Topics.desired(DEVICE), desired(1, "reg.local/web:1"), true);
    await().atMost(LONG).until(() -> agent.status().appliedRevision() == 1);
    agent.close();
    agent = null;

    hub.publish(Topics.desired(DEVICE), desired(3, "reg.local/web:3"), true);
    agent = startAgent(1000, runtime);
    await().atMost(LONG).until(() -> agent.status().appliedRevision() == 3);
    assertThat(runtime.containers().values())
        .extracting(c -> c.image())
        .containsExactly("reg.local/web:3");

    // An older revision published on purpose, then the current one again (a duplicate).
    hub.publish(Topics.desired(DEVICE), desired(2, "reg.local/web:2"), true);
    hub.publish(Topics.desired(DEVICE), desired(3, "reg.local/web:3"), true);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(LONG)
        .until(() -> agent.status().desiredRevision() == 3);
    assertThat(runtime.containers().values())
        .extracting(c -> c.image())
        .containsExactly("reg.local/web:3");
    hub.publish(Topics.desired(DEVICE), new byte[0], true);
  }

  private static <T> T read(byte[] payload, Class<T> type) {
    try {
      return WireJson.mapper().readValue(payload, type);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
