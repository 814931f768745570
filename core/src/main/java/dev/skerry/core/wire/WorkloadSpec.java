package dev.skerry.core.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What to run: one container, as an operator writes it in a deployment. Field names are the
 * contract (docs/protocol.md); absent optional fields are {@code null}, never defaulted here, so
 * that the content hash of a deployment is the content the operator wrote. The enumerated fields
 * stay strings on the wire, so that an unknown value is reported by the rules ({@code
 * dev.skerry.core.spec.WorkloadSpecRules}) with its field path, not by the JSON mapper; the {@code
 * *Mode()} accessors give them as enums once the rules passed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkloadSpec(
    String name,
    String image,
    List<String> command,
    List<String> args,
    Map<String, String> env,
    String restartPolicy,
    Resources resources,
    List<Mount> mounts,
    HealthCheck healthCheck,
    String network,
    String updateStrategy) {

  /** Without an update strategy ({@code stop-first}). */
  public WorkloadSpec(
      String name,
      String image,
      List<String> command,
      List<String> args,
      Map<String, String> env,
      String restartPolicy,
      Resources resources,
      List<Mount> mounts,
      HealthCheck healthCheck,
      String network) {
    this(
        name,
        image,
        command,
        args,
        env,
        restartPolicy,
        resources,
        mounts,
        healthCheck,
        network,
        null);
  }

  /** Resource limits; {@code null} means unlimited. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Resources(Integer memoryMiB, Double cpus) {}

  /** A bind mount of a host path the device config allows. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Mount(String hostPath, String containerPath, Boolean readOnly) {}

  /** A probe: exactly one of exec, httpGet, tcpSocket. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HealthCheck(
      List<String> exec,
      HttpGet httpGet,
      TcpSocket tcpSocket,
      Integer periodSeconds,
      Integer timeoutSeconds,
      Integer failureThreshold,
      Integer initialDelaySeconds) {}

  /** An HTTP GET probe against the container (host network: localhost). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HttpGet(Integer port, String path) {}

  /** A TCP connect probe. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TcpSocket(Integer port) {}

  /** The restart policy, {@code always} when absent. */
  public String restartPolicyOrDefault() {
    return restartPolicy == null ? "always" : restartPolicy;
  }

  /**
   * How an update replaces the running container: {@code stop-first} (the default: stop the old
   * one, then start the new) or {@code start-first} (start the new one beside the old and stop the
   * old once the new is ready; only for workloads of which two copies can run side by side).
   */
  public String updateStrategyOrDefault() {
    return updateStrategy == null ? "stop-first" : updateStrategy;
  }

  /** The network mode, {@code host} when absent. */
  public String networkOrDefault() {
    return network == null ? "host" : network;
  }

  /**
   * The restart policy as an enum, {@link RestartPolicy#ALWAYS} when absent.
   *
   * @throws IllegalStateException for a value the rules refuse
   */
  public RestartPolicy restartPolicyMode() {
    return RestartPolicy.of(restartPolicyOrDefault())
        .orElseThrow(() -> unchecked("restartPolicy", restartPolicy));
  }

  /**
   * The update strategy as an enum, {@link UpdateStrategy#STOP_FIRST} when absent.
   *
   * @throws IllegalStateException for a value the rules refuse
   */
  public UpdateStrategy updateStrategyMode() {
    return UpdateStrategy.of(updateStrategyOrDefault())
        .orElseThrow(() -> unchecked("updateStrategy", updateStrategy));
  }

  /**
   * The network mode as an enum, {@link NetworkMode#HOST} when absent.
   *
   * @throws IllegalStateException for a value the rules refuse
   */
  public NetworkMode networkMode() {
    return NetworkMode.of(networkOrDefault()).orElseThrow(() -> unchecked("network", network));
  }

  private IllegalStateException unchecked(String field, String value) {
    return new IllegalStateException(
        "workload " + name + ": " + field + " '" + value + "' was not validated");
  }
}
