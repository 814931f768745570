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
    String updateStrategy,
    List<Volume> volumes,
    List<Device> devices,
    List<File> files,
    Boolean privileged,
    Capabilities capabilities,
    String user,
    Boolean readOnlyRootfs,
    String workingDir) {

  /** Without the fields of the 2026-12 workload issue (volumes, devices, files, security). */
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
      String network,
      String updateStrategy) {
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
        updateStrategy,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

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

  /**
   * A named volume owned by the device, not by a revision: kept across updates, restarts and
   * rollbacks, shared by the workloads that name it.
   *
   * @param sizeMiB the size of its file system; writes beyond it fail with ENOSPC
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Volume(String name, String containerPath, Boolean readOnly, Integer sizeMiB) {}

  /**
   * A host device node given to the container.
   *
   * @param containerPath where it appears, the host path when absent
   * @param permissions cgroup access, letters of {@code rwm}; {@code rwm} when absent
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Device(String hostPath, String containerPath, String permissions) {
    public String containerPathOrDefault() {
      return containerPath == null ? hostPath : containerPath;
    }

    public String permissionsOrDefault() {
      return permissions == null ? "rwm" : permissions;
    }
  }

  /**
   * A file delivered in the desired document and mounted read-only.
   *
   * @param mode octal permission bits such as {@code "0440"}; {@code "0444"} when absent
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record File(String containerPath, String content, String mode) {
    public String modeOrDefault() {
      return mode == null ? "0444" : mode;
    }
  }

  /** Linux capabilities added to and dropped from the default set ({@code CAP_...} or ALL). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Capabilities(List<String> add, List<String> drop) {}

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

  /** The volumes, empty when absent. */
  public List<Volume> volumesOrEmpty() {
    return volumes == null ? List.of() : volumes;
  }

  /** The devices, empty when absent. */
  public List<Device> devicesOrEmpty() {
    return devices == null ? List.of() : devices;
  }

  /** The files, empty when absent. */
  public List<File> filesOrEmpty() {
    return files == null ? List.of() : files;
  }

  /** Whether the container runs privileged; false when absent. */
  public boolean privilegedOrDefault() {
    return Boolean.TRUE.equals(privileged);
  }

  /** Whether the root file system is read-only; false when absent. */
  public boolean readOnlyRootfsOrDefault() {
    return Boolean.TRUE.equals(readOnlyRootfs);
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
