package dev.skerry.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpSocketProbeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private Vertx vertx;
  private NetClient client;

  @BeforeEach
  void start() {
    vertx = Loop.vertx();
    client = vertx.createNetClient();
  }

  @AfterEach
  void stop() throws Exception {
    Loop.close(vertx);
  }

  private ProbeOutcome probe(int port) throws Exception {
    return Loop.await(vertx, new TcpSocketProbe(vertx, client, port, TIMEOUT)::check);
  }

  @Test
  void passesWhileAServerListensAndFailsAfterItIsClosed() throws Exception {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    int port = server.getLocalPort();
    try (server) {
      assertThat(probe(port)).isEqualTo(ProbeOutcome.success("connected"));
    }
    assertThat(probe(port)).isEqualTo(ProbeOutcome.failure("connection refused"));
  }

  @Test
  void failsWhenNobodyListens() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThat(probe(port)).isEqualTo(ProbeOutcome.failure("connection refused"));
  }

  @Test
  void timesOutWhenTheServersListenQueueIsFull() throws Exception {
    // A server that never accepts: once its accept queue is full the kernel drops further
    // SYNs, so a connect neither succeeds nor is refused.
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = new ArrayList<>();
      try {
        fillQueue(server, fillers);
        long start = System.nanoTime();
        ProbeOutcome outcome =
            Loop.await(
                vertx,
                new TcpSocketProbe(vertx, client, server.getLocalPort(), Duration.ofMillis(300))
                    ::check);
        assertThat(outcome).isEqualTo(ProbeOutcome.failure("timed out after 300ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isBetween(Duration.ofMillis(250), Duration.ofSeconds(2));
      } finally {
        for (Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  private static void fillQueue(ServerSocket server, List<Socket> fillers) throws Exception {
    for (int i = 0; i < 16; i++) {
      Socket s = new Socket();
      fillers.add(s);
      try {
        s.connect(server.getLocalSocketAddress(), 200);
      } catch (SocketTimeoutException full) {
        return;
      }
    }
    throw new IllegalStateException("accept queue never filled up");
  }

  @Test
  void closesTheConnectionItOpened() throws Exception {
    AtomicInteger closed = new AtomicInteger();
    NetServer server =
        vertx.createNetServer().connectHandler(s -> s.closeHandler(v -> closed.incrementAndGet()));
    Loop.await(server.listen(0, HttpGetProbe.HOST));
    assertThat(probe(server.actualPort())).isEqualTo(ProbeOutcome.success("connected"));
    await().atMost(Duration.ofSeconds(5)).until(() -> closed.get() == 1);
  }
}
