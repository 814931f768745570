package dev.skerry.hub.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The hub's settings, a value. Built by {@link HubConfigLoader} from flags, environment, YAML file
 * and {@link #defaults()}, checked by {@link HubConfigValidator}.
 *
 * @param configFile the YAML file the settings were read from, if any
 * @param httpHost REST API bind address; default {@code 127.0.0.1}
 * @param httpPort REST API port; default {@code 8080} ({@code 0} picks a free port)
 * @param dataDir directory of {@code hub.db}, the admin token and the embedded broker; default
 *     {@code ./skerry-hub-data}
 * @param dbUrl JDBC URL; default {@code jdbc:sqlite:<data-dir>/hub.db}
 * @param mqttUrl external broker {@code mqtt://host:port}; default none (embedded broker)
 * @param embeddedMqttHost bind address of the embedded broker; default {@code 0.0.0.0}
 * @param embeddedMqttPort port of the embedded broker; default {@code 1883}
 * @param adminTokenFile bearer token file; default {@code <data-dir>/admin.token}
 * @param heartbeatSeconds the agents' heartbeat interval; default {@code 60}
 * @param staleAfterHeartbeats an online device is stale when neither a report nor a heartbeat came
 *     for this many heartbeat intervals; default {@code 3}
 * @param mqttCa PEM CA certificate(s) the external broker's certificate must chain to for {@code
 *     mqtts://}; default none (the JVM's trust store)
 * @param embeddedMqttsPort port of the embedded broker's TLS listener; {@code 0} (default) for none
 * @param embeddedMqttKeystore PKCS#12 (or {@code .jks}) keystore with the TLS listener's key and
 *     certificate chain; required with {@code embeddedMqttsPort}
 * @param embeddedMqttKeystorePasswordFile file whose first line is the keystore's password
 * @param httpsPort port of the HTTPS listener (API, console, enrollment) on {@code httpHost};
 *     default {@code 8443} ({@code 0} picks a free port)
 * @param publicHosts names (DNS or IP) the hub's server certificate carries; default the host name,
 *     {@code localhost} and {@code 127.0.0.1}
 * @param insecureAnonymousMqtt open the embedded broker's plain listener and let clients in without
 *     a certificate (experiments only; a warning is logged every minute)
 * @param deviceCertLifetime life of the device certificates the hub issues (enrollment and
 *     renewal), an ISO-8601 duration; default {@code P90D}, at least {@code PT1M} (lives under a
 *     day are for tests: a device renews at 2/3 of its certificate's life)
 * @param mqttClientCert PEM certificate (chain) the hub presents to an external {@code mqtts://}
 *     broker instead of its PKI's {@code hub-client.crt}; default none
 * @param mqttClientKey PEM private key of {@code mqttClientCert}; required with it
 * @param logFormat {@code text} (default: one line per event, for journald) or {@code json} (one
 *     JSON object per line, for log shippers)
 * @param https the HTTPS listener's address and certificate, and where plain HTTP may listen
 *     besides loopback; default {@link HttpsSettings#defaults()}
 */
public record HubConfig(
    Optional<Path> configFile,
    String httpHost,
    int httpPort,
    Path dataDir,
    Optional<String> dbUrl,
    Optional<String> mqttUrl,
    String embeddedMqttHost,
    int embeddedMqttPort,
    Optional<Path> adminTokenFile,
    int heartbeatSeconds,
    int staleAfterHeartbeats,
    Optional<Path> mqttCa,
    String logFormat,
    int embeddedMqttsPort,
    Optional<Path> embeddedMqttKeystore,
    Optional<Path> embeddedMqttKeystorePasswordFile,
    int httpsPort,
    List<String> publicHosts,
    boolean insecureAnonymousMqtt,
    Duration deviceCertLifetime,
    Optional<Path> mqttClientCert,
    Optional<Path> mqttClientKey,
    HttpsSettings https) {

  public static final int DEFAULT_HTTPS_PORT = 8443;
  public static final Duration DEFAULT_DEVICE_CERT_LIFETIME = Duration.ofDays(90);
  public static final Duration MIN_DEVICE_CERT_LIFETIME = Duration.ofMinutes(1);
  public static final Duration MAX_DEVICE_CERT_LIFETIME = Duration.ofDays(3650);
  public static final int DEFAULT_EMBEDDED_MQTTS_PORT = 8883;

  public HubConfig {
    publicHosts = List.copyOf(publicHosts);
    java.util.Objects.requireNonNull(deviceCertLifetime, "deviceCertLifetime");
    java.util.Objects.requireNonNull(https, "https");
  }

  /** With the default device certificate life. */
  public HubConfig(
      Optional<Path> configFile,
      String httpHost,
      int httpPort,
      Path dataDir,
      Optional<String> dbUrl,
      Optional<String> mqttUrl,
      String embeddedMqttHost,
      int embeddedMqttPort,
      Optional<Path> adminTokenFile,
      int heartbeatSeconds,
      int staleAfterHeartbeats,
      Optional<Path> mqttCa,
      String logFormat,
      int embeddedMqttsPort,
      Optional<Path> embeddedMqttKeystore,
      Optional<Path> embeddedMqttKeystorePasswordFile,
      int httpsPort,
      List<String> publicHosts,
      boolean insecureAnonymousMqtt) {
    this(
        configFile,
        httpHost,
        httpPort,
        dataDir,
        dbUrl,
        mqttUrl,
        embeddedMqttHost,
        embeddedMqttPort,
        adminTokenFile,
        heartbeatSeconds,
        staleAfterHeartbeats,
        mqttCa,
        logFormat,
        embeddedMqttsPort,
        embeddedMqttKeystore,
        embeddedMqttKeystorePasswordFile,
        httpsPort,
        publicHosts,
        insecureAnonymousMqtt,
        HttpsSettings.loopback());
  }

  /** With the default device certificate life and the hub PKI's MQTT client certificate. */
  public HubConfig(
      Optional<Path> configFile,
      String httpHost,
      int httpPort,
      Path dataDir,
      Optional<String> dbUrl,
      Optional<String> mqttUrl,
      String embeddedMqttHost,
      int embeddedMqttPort,
      Optional<Path> adminTokenFile,
      int heartbeatSeconds,
      int staleAfterHeartbeats,
      Optional<Path> mqttCa,
      String logFormat,
      int embeddedMqttsPort,
      Optional<Path> embeddedMqttKeystore,
      Optional<Path> embeddedMqttKeystorePasswordFile,
      int httpsPort,
      List<String> publicHosts,
      boolean insecureAnonymousMqtt,
      HttpsSettings https) {
    this(
        configFile,
        httpHost,
        httpPort,
        dataDir,
        dbUrl,
        mqttUrl,
        embeddedMqttHost,
        embeddedMqttPort,
        adminTokenFile,
        heartbeatSeconds,
        staleAfterHeartbeats,
        mqttCa,
        logFormat,
        embeddedMqttsPort,
        embeddedMqttKeystore,
        embeddedMqttKeystorePasswordFile,
        httpsPort,
        publicHosts,
        insecureAnonymousMqtt,
        DEFAULT_DEVICE_CERT_LIFETIME,
        Optional.empty(),
        Optional.empty(),
        https);
  }

  /** The same settings with {@code cert} and {@code key} as the hub's external-broker identity. */
  public HubConfig withMqttClient(Path cert, Path key) {
    return new HubConfig(
        configFile,
        httpHost,
        httpPort,
        dataDir,
        dbUrl,
        mqttUrl,
        embeddedMqttHost,
        embeddedMqttPort,
        adminTokenFile,
        heartbeatSeconds,
        staleAfterHeartbeats,
        mqttCa,
        logFormat,
        embeddedMqttsPort,
        embeddedMqttKeystore,
        embeddedMqttKeystorePasswordFile,
        httpsPort,
        publicHosts,
        insecureAnonymousMqtt,
        deviceCertLifetime,
        Optional.of(cert),
        Optional.of(key),
        https);
  }

  /**
   * Without the identity settings, as tests and embedders built it before the broker was closed:
   * HTTPS on a free port, default names, and the embedded broker's plain listener open to anonymous
   * clients ({@code --insecure-anonymous-mqtt}). Never what the command line gives.
   */
  public HubConfig(
      Optional<Path> configFile,
      String httpHost,
      int httpPort,
      Path dataDir,
      Optional<String> dbUrl,
      Optional<String> mqttUrl,
      String embeddedMqttHost,
      int embeddedMqttPort,
      Optional<Path> adminTokenFile,
      int heartbeatSeconds,
      int staleAfterHeartbeats,
      Optional<Path> mqttCa,
      String logFormat,
      int embeddedMqttsPort,
      Optional<Path> embeddedMqttKeystore,
      Optional<Path> embeddedMqttKeystorePasswordFile) {
    this(
        configFile,
        httpHost,
        httpPort,
        dataDir,
        dbUrl,
        mqttUrl,
        embeddedMqttHost,
        embeddedMqttPort,
        adminTokenFile,
        heartbeatSeconds,
        staleAfterHeartbeats,
        mqttCa,
        logFormat,
        embeddedMqttsPort,
        embeddedMqttKeystore,
        embeddedMqttKeystorePasswordFile,
        0,
        List.of(),
        true,
        HttpsSettings.loopback());
  }

  public static final int DEFAULT_HEARTBEAT_SECONDS = 60;
  public static final int DEFAULT_STALE_AFTER_HEARTBEATS = 3;

  public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final Path DEFAULT_DATA_DIR = Path.of("skerry-hub-data");
  public static final String DEFAULT_EMBEDDED_MQTT_HOST = "0.0.0.0";
  public static final int DEFAULT_EMBEDDED_MQTT_PORT = 1883;
  public static final String DEFAULT_LOG_FORMAT = "text";

  /** Without the sync and log settings: their defaults. */
  public HubConfig(
      Optional<Path> configFile,
      String httpHost,
      int httpPort,
      Path dataDir,
      Optional<String> dbUrl,
      Optional<String> mqttUrl,
      String embeddedMqttHost,
      int embeddedMqttPort,
      Optional<Path> adminTokenFile) {
    this(
        configFile,
        httpHost,
        httpPort,
        dataDir,
        dbUrl,
        mqttUrl,
        embeddedMqttHost,
        embeddedMqttPort,
        adminTokenFile,
        DEFAULT_HEARTBEAT_SECONDS,
        DEFAULT_STALE_AFTER_HEARTBEATS,
        Optional.empty(),
        DEFAULT_LOG_FORMAT,
        0,
        Optional.empty(),
        Optional.empty());
  }

  /** With the default log format. */
  public HubConfig(
      Optional<Path> configFile,
      String httpHost,
      int httpPort,
      Path dataDir,
      Optional<String> dbUrl,
      Optional<String> mqttUrl,
      String embeddedMqttHost,
      int embeddedMqttPort,
      Optional<Path> adminTokenFile,
      int heartbeatSeconds,
      int staleAfterHeartbeats,
      Optional<Path> mqttCa) {
    this(
        configFile,
        httpHost,
        httpPort,
        dataDir,
        dbUrl,
        mqttUrl,
        embeddedMqttHost,
        embeddedMqttPort,
        adminTokenFile,
        heartbeatSeconds,
        staleAfterHeartbeats,
        mqttCa,
        DEFAULT_LOG_FORMAT,
        0,
        Optional.empty(),
        Optional.empty());
  }

  /** The settings when nothing is given. */
  public static HubConfig defaults() {
    return new HubConfig(
        Optional.empty(),
        DEFAULT_HTTP_HOST,
        DEFAULT_HTTP_PORT,
        DEFAULT_DATA_DIR,
        Optional.empty(),
        Optional.empty(),
        DEFAULT_EMBEDDED_MQTT_HOST,
        DEFAULT_EMBEDDED_MQTT_PORT,
        Optional.empty(),
        DEFAULT_HEARTBEAT_SECONDS,
        DEFAULT_STALE_AFTER_HEARTBEATS,
        Optional.empty(),
        DEFAULT_LOG_FORMAT,
        DEFAULT_EMBEDDED_MQTTS_PORT,
        Optional.empty(),
        Optional.empty(),
        DEFAULT_HTTPS_PORT,
        List.of(),
        false,
        HttpsSettings.defaults());
  }

  /**
   * Where the plain HTTP listener binds: {@code httpHost} (loopback, checked by the validator), or
   * the address of {@code --insecure-http-bind}.
   */
  public String plainHttpBind() {
    return https.insecureHttpBind().orElse(httpHost);
  }

  /** How long an online device may stay silent before it is shown as stale. */
  public java.time.Duration staleAfter() {
    return java.time.Duration.ofSeconds((long) heartbeatSeconds * staleAfterHeartbeats);
  }

  /** The JDBC URL in effect: the given one, or the SQLite file in the data directory. */
  public String effectiveDbUrl() {
    return dbUrl.orElse("jdbc:sqlite:" + dataDir.resolve("hub.db"));
  }

  /** The admin token file in effect. */
  public Path effectiveAdminTokenFile() {
    return adminTokenFile.orElse(dataDir.resolve("admin.token"));
  }

  /** The embedded broker's TLS listener with an operator's keystore, if one is configured. */
  public Optional<dev.skerry.hub.mqtt.BrokerTls> embeddedTls() {
    if (embeddedMqttsPort == 0 || embeddedMqttKeystore.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        dev.skerry.hub.mqtt.BrokerTls.of(
            embeddedMqttsPort,
            embeddedMqttKeystore.orElseThrow(),
            embeddedMqttKeystorePasswordFile.orElseThrow()));
  }

  /**
   * The names the server certificate carries: the {@code --public-host} ones, or the host name,
   * {@code localhost} and {@code 127.0.0.1}.
   */
  public List<String> effectivePublicHosts() {
    if (!publicHosts.isEmpty()) {
      return publicHosts;
    }
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    try {
      names.add(java.net.InetAddress.getLocalHost().getHostName());
    } catch (java.net.UnknownHostException e) {
      // no resolvable host name: localhost and the loopback address only
    }
    names.add("localhost");
    names.add("127.0.0.1");
    return List.copyOf(names);
  }

  /** Whether the hub starts its own broker. */
  public boolean embeddedBroker() {
    return mqttUrl.isEmpty();
  }
}
