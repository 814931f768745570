package dev.skerry.agent.health;

import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import dev.skerry.core.wire.WorkloadSpec.HttpGet;
import dev.skerry.core.wire.WorkloadSpec.TcpSocket;
import java.util.List;

/** Health checks for tests, built with only the fields a test cares about. */
final class Checks {
  private Checks() {}

  static HealthCheck httpGet(Integer port, String path) {
    return new HealthCheck(null, new HttpGet(port, path), null, null, null, null, null);
  }

  static HealthCheck tcpSocket(Integer port) {
    return new HealthCheck(null, null, new TcpSocket(port), null, null, null, null);
  }

  static HealthCheck exec(String... argv) {
    return new HealthCheck(List.of(argv), null, null, null, null, null, null);
  }

  static HealthCheck withTiming(
      HealthCheck c, Integer period, Integer timeout, Integer failures, Integer delay) {
    return new HealthCheck(c.exec(), c.httpGet(), c.tcpSocket(), period, timeout, failures, delay);
  }
}
