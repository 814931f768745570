package dev.skerry.hub.it;

import dev.skerry.hub.app.Hub;
import dev.skerry.hub.app.HubConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** A real hub in this JVM on free ports, with its data in a given directory. */
final class TestHub implements AutoCloseable {
  final Hub hub;
  final Path dataDir;
  final int mqttPort;
  final Api api;
  private String deviceUrl;

  private TestHub(Hub hub, Path dataDir, int mqttPort) {
    this.hub = hub;
    this.dataDir = dataDir;
    this.mqttPort = mqttPort;
    try {
      this.api = new Api(hub.httpPort(), Files.readString(dataDir.resolve("admin.token")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a hub with the embedded broker on a free port. */
  static TestHub embedded(Path dataDir) {
    return embedded(dataDir, freePort());
  }

  static TestHub embedded(Path dataDir, int mqttPort) {
    return embedded(dataDir, mqttPort, Optional.empty());
  }

  /** Starts a hub with the embedded broker and the database at {@code dbUrl} (default SQLite). */
  static TestHub embedded(Path dataDir, int mqttPort, Optional<String> dbUrl) {
    HubConfig config =
        new HubConfig(
            Optional.empty(),
            "127.0.0.1",
            0,
            dataDir,
            dbUrl,
            Optional.empty(),
            "127.0.0.1",
            mqttPort,
            Optional.empty());
    return new TestHub(Hub.start(config, Clock.systemUTC()), dataDir, mqttPort);
  }

  /** Starts a hub with the embedded broker and this heartbeat and staleness multiple. */
  static TestHub embeddedWithHeartbeat(Path dataDir, int heartbeatSeconds, int staleAfter) {
    HubConfig config =
        new HubConfig(
            Optional.empty(),
            "127.0.0.1",
            0,
            dataDir,
            Optional.empty(),
            Optional.empty(),
            "127.0.0.1",
            freePort(),
            Optional.empty(),
            heartbeatSeconds,
            staleAfter,
            Optional.empty());
    return new TestHub(Hub.start(config, Clock.systemUTC()), dataDir, config.embeddedMqttPort());
  }

  /** Starts a hub that uses an external broker over TLS, trusting the PEM CA {@code ca}. */
  static TestHub external(Path dataDir, String mqttUrl, Path ca) {
    HubConfig config =
        new HubConfig(
            Optional.empty(),
            "127.0.0.1",
            0,
            dataDir,
            Optional.empty(),
            Optional.of(mqttUrl),
            "127.0.0.1",
            0,
            Optional.empty(),
            HubConfig.DEFAULT_HEARTBEAT_SECONDS,
            HubConfig.DEFAULT_STALE_AFTER_HEARTBEATS,
            Optional.ofNullable(ca));
    return new TestHub(Hub.start(config, Clock.systemUTC()), dataDir, -1);
  }

  /**
   * Starts a hub that uses an external broker over TLS, trusting {@code ca} and presenting the
   * operator's client certificate {@code cert} / {@code key} ({@code --mqtt-client-cert}).
   */
  static TestHub external(Path dataDir, String mqttUrl, Path ca, Path cert, Path key) {
    HubConfig config =
        new HubConfig(
                Optional.empty(),
                "127.0.0.1",
                0,
                dataDir,
                Optional.empty(),
                Optional.of(mqttUrl),
                "127.0.0.1",
                0,
                Optional.empty(),
                HubConfig.DEFAULT_HEARTBEAT_SECONDS,
                HubConfig.DEFAULT_STALE_AFTER_HEARTBEATS,
                Optional.ofNullable(ca))
            .withMqttClient(cert, key);
    return new TestHub(Hub.start(config, Clock.systemUTC()), dataDir, -1);
  }

  /** Starts a hub that uses an external broker. */
  static TestHub external(Path dataDir, String mqttUrl) {
    HubConfig config =
        new HubConfig(
            Optional.empty(),
            "127.0.0.1",
            0,
            dataDir,
            Optional.empty(),
            Optional.of(mqttUrl),
            "127.0.0.1",
            0,
            Optional.empty());
    return new TestHub(Hub.start(config, Clock.systemUTC()), dataDir, -1);
  }

  /** The URL devices use: the TLS listener's when the hub has one, else the hub's own. */
  String brokerUrl() {
    return deviceUrl != null ? deviceUrl : hub.brokerUrl();
  }

  /**
   * Starts a hub whose embedded broker also listens for TLS, with the key and chain in {@code
   * keystore}; devices connect to it over {@code mqtts://localhost}.
   */
  static TestHub embeddedTls(Path dataDir, Path keystore, Path passwordFile) {
    int tlsPort = freePort();
    HubConfig config =
        new HubConfig(
            Optional.empty(),
            "127.0.0.1",
            0,
            dataDir,
            Optional.empty(),
            Optional.empty(),
            "127.0.0.1",
            freePort(),
            Optional.empty(),
            HubConfig.DEFAULT_HEARTBEAT_SECONDS,
            HubConfig.DEFAULT_STALE_AFTER_HEARTBEATS,
            Optional.empty(),
            HubConfig.DEFAULT_LOG_FORMAT,
            tlsPort,
            Optional.of(keystore),
            Optional.of(passwordFile));
    TestHub hub =
        new TestHub(Hub.start(config, Clock.systemUTC()), dataDir, config.embeddedMqttPort());
    hub.deviceUrl = "mqtts://localhost:" + tlsPort;
    return hub;
  }

  /**
   * Starts a hub as the command line does by default: the embedded broker's TLS listener only,
   * client certificates from the hub CA required, no anonymous client anywhere.
   */
  static TestHub secure(Path dataDir) {
    return secure(dataDir, dev.skerry.hub.app.HttpsSettings.loopback());
  }

  /** As {@link #secure(Path)}, with these HTTPS settings. */
  static TestHub secure(Path dataDir, dev.skerry.hub.app.HttpsSettings https) {
    int tlsPort = freePort();
    HubConfig config =
        new HubConfig(
            Optional.empty(),
            "127.0.0.1",
            0,
            dataDir,
            Optional.empty(),
            Optional.empty(),
            "127.0.0.1",
            freePort(),
            Optional.empty(),
            HubConfig.DEFAULT_HEARTBEAT_SECONDS,
            HubConfig.DEFAULT_STALE_AFTER_HEARTBEATS,
            Optional.empty(),
            HubConfig.DEFAULT_LOG_FORMAT,
            tlsPort,
            Optional.empty(),
            Optional.empty(),
            0,
            java.util.List.of(),
            false,
            https);
    TestHub hub =
        new TestHub(Hub.start(config, Clock.systemUTC()), dataDir, config.embeddedMqttPort());
    hub.deviceUrl = "mqtts://localhost:" + tlsPort;
    return hub;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    hub.close();
  }
}
