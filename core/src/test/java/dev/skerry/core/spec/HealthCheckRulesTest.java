package dev.skerry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.wire.NetworkMode;
import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import dev.skerry.core.wire.WorkloadSpec.HttpGet;
import dev.skerry.core.wire.WorkloadSpec.TcpSocket;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HealthCheckRulesTest {

  private static List<String> errors(HealthCheck check) {
    return HealthCheckRules.validate(check).stream().map(FieldError::toString).toList();
  }

  @Test
  void acceptsNoHealthCheckAtAll() {
    assertThat(errors(null)).isEmpty();
  }

  @Test
  void acceptsEachKindOfProbeWithDefaults() {
    assertThat(errors(httpGet(8080, "/healthz"))).isEmpty();
    assertThat(errors(httpGet(8080, null))).isEmpty();
    assertThat(errors(tcpSocket(5432))).isEmpty();
    assertThat(errors(exec("/bin/check", "--quick"))).isEmpty();
  }

  @Test
  void acceptsExplicitTiming() {
    assertThat(errors(withTiming(tcpSocket(1), 5, 2, 3, 0))).isEmpty();
    assertThat(errors(withTiming(tcpSocket(65535), 1, 1, 1, 30))).isEmpty();
  }

  @Test
  void rejectsACheckWithNoProbe() {
    assertThat(errors(new HealthCheck(null, null, null, 5, null, null, null)))
        .containsExactly(
            "healthCheck: must set exactly one of exec, httpGet, tcpSocket (found none)");
  }

  @Test
  void rejectsACheckWithTwoProbes() {
    HealthCheck both =
        new HealthCheck(List.of("/bin/true"), new HttpGet(80, "/"), null, null, null, null, null);
    assertThat(errors(both))
        .containsExactly(
            "healthCheck: must set exactly one of exec, httpGet, tcpSocket (found exec, httpGet)");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 65536, 100000})
  void rejectsHttpPortsOutOfRange(int port) {
    assertThat(errors(httpGet(port, "/")))
        .containsExactly("healthCheck.httpGet.port: must be between 1 and 65535");
  }

  @Test
  void rejectsTcpPortOutOfRangeAndMissingPorts() {
    assertThat(errors(tcpSocket(0)))
        .containsExactly("healthCheck.tcpSocket.port: must be between 1 and 65535");
    assertThat(errors(tcpSocket(null))).containsExactly("healthCheck.tcpSocket.port: is required");
    assertThat(errors(httpGet(null, "/"))).containsExactly("healthCheck.httpGet.port: is required");
  }

  @Test
  void rejectsPathsThatDoNotStartWithSlash() {
    assertThat(errors(httpGet(80, "healthz")))
        .containsExactly("healthCheck.httpGet.path: must start with /");
    assertThat(errors(httpGet(80, "")))
        .containsExactly("healthCheck.httpGet.path: must start with /");
  }

  @Test
  void rejectsPathsThatWouldBreakTheRequestLine() {
    assertThat(errors(httpGet(80, "/a b")))
        .containsExactly(
            "healthCheck.httpGet.path: must not contain whitespace or control characters");
    assertThat(errors(httpGet(80, "/x\r\nHost: evil")))
        .containsExactly(
            "healthCheck.httpGet.path: must not contain whitespace or control characters");
  }

  @Test
  void acceptsPathsWithQueryStrings() {
    assertThat(errors(httpGet(80, "/health?verbose=1"))).isEmpty();
  }

  @Test
  void rejectsEmptyOrBlankExecCommands() {
    assertThat(errors(exec())).containsExactly("healthCheck.exec: must not be empty");
    assertThat(errors(exec(" "))).containsExactly("healthCheck.exec[0]: must not be blank");
    assertThat(errors(exec("/bin/sh", "-c", ""))).isEmpty();
  }

  @Test
  void rejectsNullExecArguments() {
    HealthCheck check =
        new HealthCheck(Arrays.asList("/bin/check", null), null, null, null, null, null, null);
    assertThat(errors(check)).containsExactly("healthCheck.exec[1]: must not be null");
  }

  @Test
  void rejectsNonPositiveDurationsAndThresholds() {
    assertThat(errors(withTiming(tcpSocket(80), 0, -1, 0, -5)))
        .containsExactly(
            "healthCheck.periodSeconds: must be positive",
            "healthCheck.timeoutSeconds: must be positive",
            "healthCheck.failureThreshold: must be positive",
            "healthCheck.initialDelaySeconds: must not be negative");
  }

  @Test
  void reportsEveryErrorAtOnce() {
    HealthCheck bad =
        new HealthCheck(null, new HttpGet(0, "x"), new TcpSocket(70000), 0, null, null, null);
    assertThat(errors(bad))
        .containsExactly(
            "healthCheck: must set exactly one of exec, httpGet, tcpSocket"
                + " (found httpGet, tcpSocket)",
            "healthCheck.httpGet.port: must be between 1 and 65535",
            "healthCheck.httpGet.path: must start with /",
            "healthCheck.tcpSocket.port: must be between 1 and 65535",
            "healthCheck.periodSeconds: must be positive");
  }

  @Test
  void prefixesPathsWithTheCallersPath() {
    assertThat(HealthCheckRules.validate("workloads[2].healthCheck", tcpSocket(0)))
        .containsExactly(
            new FieldError(
                "workloads[2].healthCheck.tcpSocket.port", "must be between 1 and 65535"));
  }

  @Test
  void rejectsPortProbesForWorkloadsWithoutHostNetwork() {
    assertThat(HealthCheckRules.validate("healthCheck", httpGet(80, "/"), NetworkMode.NONE))
        .containsExactly(new FieldError("healthCheck.httpGet", "needs network host (use exec)"));
    assertThat(HealthCheckRules.validate("healthCheck", tcpSocket(80), NetworkMode.NONE))
        .containsExactly(new FieldError("healthCheck.tcpSocket", "needs network host (use exec)"));
  }

  @Test
  void acceptsPortProbesOnHostNetworkAndExecEverywhere() {
    assertThat(HealthCheckRules.validate("healthCheck", httpGet(80, "/"), NetworkMode.HOST))
        .isEmpty();
    assertThat(HealthCheckRules.validate("healthCheck", tcpSocket(80), NetworkMode.HOST)).isEmpty();
    assertThat(HealthCheckRules.validate("healthCheck", exec("/bin/check"), NetworkMode.NONE))
        .isEmpty();
    assertThat(HealthCheckRules.validate("healthCheck", null, NetworkMode.NONE)).isEmpty();
  }

  private static HealthCheck httpGet(Integer port, String path) {
    return new HealthCheck(null, new HttpGet(port, path), null, null, null, null, null);
  }

  private static HealthCheck tcpSocket(Integer port) {
    return new HealthCheck(null, null, new TcpSocket(port), null, null, null, null);
  }

  private static HealthCheck exec(String... argv) {
    return new HealthCheck(List.of(argv), null, null, null, null, null, null);
  }

  private static HealthCheck withTiming(
      HealthCheck c, Integer period, Integer timeout, Integer failures, Integer delay) {
    return new HealthCheck(c.exec(), c.httpGet(), c.tcpSocket(), period, timeout, failures, delay);
  }
}
