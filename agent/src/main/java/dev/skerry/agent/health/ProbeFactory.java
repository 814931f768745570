package dev.skerry.agent.health;

import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.net.NetClient;
import java.time.Duration;

/** Makes the probe a (valid) health check asks for, sharing one HTTP and one TCP client. */
final class ProbeFactory {
  private final Vertx vertx;
  private final HttpClient http;
  private final NetClient net;
  private final ExecRunner exec;

  ProbeFactory(Vertx vertx, HttpClient http, NetClient net, ExecRunner exec) {
    this.vertx = vertx;
    this.http = http;
    this.net = net;
    this.exec = exec;
  }

  /** Whether this agent can run the check's kind of probe at all. */
  boolean canProbe(HealthCheck check) {
    return check.exec() == null || exec.available();
  }

  Probe create(String containerId, HealthCheck check, Duration timeout) {
    if (check.httpGet() != null) {
      return new HttpGetProbe(vertx, http, check.httpGet().port(), check.httpGet().path(), timeout);
    }
    if (check.tcpSocket() != null) {
      return new TcpSocketProbe(vertx, net, check.tcpSocket().port(), timeout);
    }
    return new ExecProbe(vertx, exec, containerId, check.exec(), timeout);
  }
}
