package dev.skerry.agent.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.Objects;

/**
 * Connects to {@code 127.0.0.1:port}: a connection within the timeout passes, and is closed at once
 * without sending anything.
 */
public final class TcpSocketProbe implements Probe {
  private final Vertx vertx;
  private final NetClient client;
  private final int port;
  private final Duration timeout;

  public TcpSocketProbe(Vertx vertx, NetClient client, int port, Duration timeout) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.client = Objects.requireNonNull(client, "client");
    this.port = port;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public Future<ProbeOutcome> check() {
    Future<NetSocket> connect = client.connect(port, HttpGetProbe.HOST);
    // Close every socket this opens, also one that connects after the deadline.
    connect.onSuccess(NetSocket::close);
    Future<ProbeOutcome> work = connect.map(socket -> ProbeOutcome.success("connected"));
    return Deadline.within(vertx, timeout, work, () -> {});
  }
}
