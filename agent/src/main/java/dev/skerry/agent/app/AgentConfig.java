package dev.skerry.agent.app;

import dev.skerry.agent.registry.RegistryAccess;
import dev.skerry.agent.runtime.ImageStorage;
import dev.skerry.agent.runtime.RuntimeConfig;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's configuration, a value. Built by {@link ConfigLoader} from flags, then {@code
 * SKERRY_*} environment variables, then the YAML file, then these defaults; checked by {@link
 * ConfigValidator}.
 *
 * @param configFile {@code --config}: the YAML file read, null if none (default {@code
 *     /etc/skerry/agent.yaml} if present)
 * @param deviceId {@code --device-id}: unique id in the fleet (default: the host name)
 * @param hub {@code --hub}: broker URL {@code mqtt://host:port} or {@code mqtts://host:port}; null
 *     means offline-only (default)
 * @param labels {@code --labels k=v,...}: labels reported to the hub (default none)
 * @param containerdSocket {@code --containerd-socket} (default {@code
 *     /run/containerd/containerd.sock})
 * @param namespace {@code --namespace}: the containerd namespace the agent owns (default {@code
 *     skerry})
 * @param dataDir {@code --data-dir}: SQLite {@code agent.db}, logs, keys (default {@code
 *     /var/lib/skerry-agent})
 * @param apiListen {@code --api-listen HOST:PORT}: local API (default {@code 127.0.0.1:9101})
 * @param insecureRegistries {@code --insecure-registry HOST:PORT}, repeatable: registries reached
 *     over plain HTTP (default none)
 * @param platform {@code --platform os/arch[/variant]}: image variant to pull (default this
 *     machine's)
 * @param allowedHostPaths {@code --allowed-host-paths P,...}: host path prefixes workloads may
 *     bind-mount (default none: no host mounts)
 * @param logMaxBytes {@code --log-max-bytes}: a container log past this size is rotated to {@code
 *     .1} (default 10 MiB, {@link #DEFAULT_LOG_MAX_BYTES})
 * @param registries YAML {@code registries:} (map of {@code host:port} to {@code username}, {@code
 *     password} or {@code password-file}, {@code ca-file}) and {@code --registry-login
 *     HOST:PORT=USER:PASSWORD_FILE}, repeatable: logins and CAs per registry (default none:
 *     anonymous, system CAs)
 * @param registryCa {@code --registry-ca FILE}: PEM CAs trusted for every registry without its own
 *     {@code ca-file}, in addition to the system's (default none)
 * @param imageStorage {@code --containerd-root} (default {@code /var/lib/containerd}), {@code
 *     --image-size-factor} (default 3.0) and {@code --image-gc-threshold} (percent, default 85):
 *     see {@link ImageStorage}
 * @param outboxMax {@code --outbox-max}: messages kept for the hub while it is unreachable; past it
 *     the oldest events are dropped and counted (default 1000, {@link #DEFAULT_OUTBOX_MAX})
 * @param mqttCa {@code --mqtt-ca FILE}: PEM CA certificate(s) that the broker's certificate must
 *     chain to for {@code mqtts://}; null means the JVM's default trust store (default). Ignored
 *     once the device has an identity: it trusts the hub CA of {@code <data-dir>/identity/ca.crt}
 * @param joinToken {@code --join-token}: the hub's join token, used once when the data dir holds no
 *     identity (default none); a secret, never logged
 * @param joinTokenFile {@code --join-token-file FILE}: the same, read from a file (default none)
 * @param hubApi {@code --hub-api https://HOST:PORT}: the hub's HTTPS API, for enrollment (default
 *     none)
 * @param insecureUnsignedDesired {@code --insecure-unsigned-desired true}: act on desired documents
 *     without a valid signature, as agents before signed documents did (default false; logged
 *     loudly)
 * @param volumeRetentionDays {@code --volume-retention-days}: a named volume that no desired
 *     workload names for this many days is deleted with its data (default 7, {@link
 *     #DEFAULT_VOLUME_RETENTION_DAYS})
 */
public record AgentConfig(
    Path configFile,
    String deviceId,
    URI hub,
    Map<String, String> labels,
    Path containerdSocket,
    String namespace,
    Path dataDir,
    String apiListen,
    Set<String> insecureRegistries,
    Platform platform,
    List<Path> allowedHostPaths,
    long logMaxBytes,
    Map<String, RegistryAccess> registries,
    Path registryCa,
    ImageStorage imageStorage,
    int outboxMax,
    Path mqttCa,
    String joinToken,
    Path joinTokenFile,
    URI hubApi,
    boolean insecureUnsignedDesired,
    int volumeRetentionDays) {

  public static final int DEFAULT_VOLUME_RETENTION_DAYS = 7;
  public static final long DEFAULT_LOG_MAX_BYTES = 10L * 1024 * 1024;
  public static final int DEFAULT_OUTBOX_MAX = 1000;

  public static final Path DEFAULT_CONFIG_FILE = Path.of("/etc/skerry/agent.yaml");

  public AgentConfig {
    labels = Map.copyOf(labels);
    insecureRegistries = Set.copyOf(insecureRegistries);
    allowedHostPaths = List.copyOf(allowedHostPaths);
    registries = Map.copyOf(registries);
  }

  /** With the default volume retention. */
  public AgentConfig(
      Path configFile,
      String deviceId,
      URI hub,
      Map<String, String> labels,
      Path containerdSocket,
      String namespace,
      Path dataDir,
      String apiListen,
      Set<String> insecureRegistries,
      Platform platform,
      List<Path> allowedHostPaths,
      long logMaxBytes,
      Map<String, RegistryAccess> registries,
      Path registryCa,
      ImageStorage imageStorage,
      int outboxMax,
      Path mqttCa,
      String joinToken,
      Path joinTokenFile,
      URI hubApi,
      boolean insecureUnsignedDesired) {
    this(
        configFile,
        deviceId,
        hub,
        labels,
        containerdSocket,
        namespace,
        dataDir,
        apiListen,
        insecureRegistries,
        platform,
        allowedHostPaths,
        logMaxBytes,
        registries,
        registryCa,
        imageStorage,
        outboxMax,
        mqttCa,
        joinToken,
        joinTokenFile,
        hubApi,
        insecureUnsignedDesired,
        DEFAULT_VOLUME_RETENTION_DAYS);
  }

  /** Without enrollment options, refusing unsigned desired documents. */
  public AgentConfig(
      Path configFile,
      String deviceId,
      URI hub,
      Map<String, String> labels,
      Path containerdSocket,
      String namespace,
      Path dataDir,
      String apiListen,
      Set<String> insecureRegistries,
      Platform platform,
      List<Path> allowedHostPaths,
      long logMaxBytes,
      Map<String, RegistryAccess> registries,
      Path registryCa,
      ImageStorage imageStorage,
      int outboxMax,
      Path mqttCa) {
    this(
        configFile,
        deviceId,
        hub,
        labels,
        containerdSocket,
        namespace,
        dataDir,
        apiListen,
        insecureRegistries,
        platform,
        allowedHostPaths,
        logMaxBytes,
        registries,
        registryCa,
        imageStorage,
        outboxMax,
        mqttCa,
        null,
        null,
        null,
        false,
        DEFAULT_VOLUME_RETENTION_DAYS);
  }

  /** This configuration acting on unsigned desired documents (or not). */
  public AgentConfig withInsecureUnsignedDesired(boolean insecure) {
    return new AgentConfig(
        configFile,
        deviceId,
        hub,
        labels,
        containerdSocket,
        namespace,
        dataDir,
        apiListen,
        insecureRegistries,
        platform,
        allowedHostPaths,
        logMaxBytes,
        registries,
        registryCa,
        imageStorage,
        outboxMax,
        mqttCa,
        joinToken,
        joinTokenFile,
        hubApi,
        insecure,
        volumeRetentionDays);
  }

  /** How long an unnamed volume is kept. */
  public Duration volumeRetention() {
    return Duration.ofDays(volumeRetentionDays);
  }

  /** Where the device's identity lives: {@code <data-dir>/identity}. */
  public Path identityDir() {
    return dataDir.resolve("identity");
  }

  /**
   * Without registry logins or CAs, with the default image storage rules, the default outbox bound
   * and the JVM's trust store.
   */
  public AgentConfig(
      Path configFile,
      String deviceId,
      URI hub,
      Map<String, String> labels,
      Path containerdSocket,
      String namespace,
      Path dataDir,
      String apiListen,
      Set<String> insecureRegistries,
      Platform platform,
      List<Path> allowedHostPaths,
      long logMaxBytes) {
    this(
        configFile,
        deviceId,
        hub,
        labels,
        containerdSocket,
        namespace,
        dataDir,
        apiListen,
        insecureRegistries,
        platform,
        allowedHostPaths,
        logMaxBytes,
        Map.of(),
        null,
        ImageStorage.defaults(),
        DEFAULT_OUTBOX_MAX,
        null);
  }

  /** Every default; the device id is this host's name. */
  public static AgentConfig defaults() {
    return new AgentConfig(
        null,
        HostName.get(),
        null,
        Map.of(),
        Path.of("/run/containerd/containerd.sock"),
        "skerry",
        Path.of("/var/lib/skerry-agent"),
        "127.0.0.1:9101",
        Set.of(),
        Platform.current(),
        List.of(),
        DEFAULT_LOG_MAX_BYTES,
        Map.of(),
        null,
        ImageStorage.defaults(),
        DEFAULT_OUTBOX_MAX,
        null);
  }

  /** Host part of {@link #apiListen()}. */
  public String apiHost() {
    int colon = apiListen.lastIndexOf(':');
    String host = apiListen.substring(0, colon);
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /** Port part of {@link #apiListen()}. */
  public int apiPort() {
    return Integer.parseInt(apiListen.substring(apiListen.lastIndexOf(':') + 1));
  }

  /** Where container output goes: {@code <data-dir>/logs}. */
  public Path logsDir() {
    return dataDir.resolve("logs");
  }

  /** What the containerd runtime needs from this configuration. */
  public RuntimeConfig runtimeConfig() {
    return new RuntimeConfig(
        containerdSocket,
        namespace,
        dataDir,
        insecureRegistries,
        platform,
        allowedHostPaths,
        registries,
        registryCa,
        imageStorage);
  }
}
