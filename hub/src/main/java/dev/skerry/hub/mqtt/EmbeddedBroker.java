package dev.skerry.hub.mqtt;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HiveMQ CE running inside the hub JVM, configured under {@code <data-dir>/broker}. */
public final class EmbeddedBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

  private final EmbeddedHiveMQ hivemq;
  private final String host;
  private final int port;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, String host, int port) {
    this.hivemq = hivemq;
    this.host = host;
    this.port = port;
  }

  /**
   * Starts the broker on {@code host:port}.
   *
   * @throws BrokerStartException if the port is taken or HiveMQ does not start
   */
  public static EmbeddedBroker start(Path dataDir, String host, int port) {
    return start(dataDir, host, port, null);
  }

  /**
   * Starts the broker on {@code host:port} and, when {@code tls} is given, a TLS listener on its
   * port.
   *
   * @throws BrokerStartException if a port is taken, the keystore is unreadable, or HiveMQ does not
   *     start
   */
  public static EmbeddedBroker start(Path dataDir, String host, int port, BrokerTls tls) {
    if (tls != null) {
      checkKeystore(tls);
      if (!PortProbe.isFree(host, tls.port())) {
        throw new BrokerStartException(
            "the embedded MQTT broker cannot listen for TLS on "
                + host
                + ":"
                + tls.port()
                + " because the port is taken. Choose another with --embedded-mqtts-port");
      }
    }
    if (!PortProbe.isFree(host, port)) {
      throw new BrokerStartException(
          "the embedded MQTT broker cannot listen on "
              + host
              + ":"
              + port
              + " because the port is taken. Choose another port with --embedded-mqtt-port,"
              + " or use the broker that is already there with --mqtt-url mqtt://host:"
              + port);
    }
    Path root = dataDir.resolve("broker");
    try {
      BrokerConfigFile.write(root.resolve("conf"), host, port, tls);
      Files.createDirectories(root.resolve("data"));
      Files.createDirectories(root.resolve("extensions"));
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      throw new BrokerStartException("cannot prepare " + root + ": " + e.getMessage(), e);
    }
    EmbeddedHiveMQ hivemq =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(root.resolve("conf"))
            .withDataFolder(root.resolve("data"))
            .withExtensionsFolder(root.resolve("extensions"))
            .withoutLoggingBootstrap()
            .build();
    long started = System.nanoTime();
    try {
      hivemq.start().get(120, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerStartException("interrupted while starting the embedded broker", e);
    } catch (ExecutionException | TimeoutException e) {
      closeQuietly(hivemq);
      throw new BrokerStartException("the embedded MQTT broker did not start: " + e, e);
    }
    LOG.info(
        "Embedded MQTT broker listening on {}:{}{} (started in {} ms)",
        host,
        port,
        tls == null ? "" : " and TLS on " + host + ":" + tls.port(),
        (System.nanoTime() - started) / 1_000_000);
    return new EmbeddedBroker(hivemq, host, port);
  }

  /**
   * Opens the keystore with its password before HiveMQ does, so a wrong path, format or password is
   * a clear start-up error rather than a listener that silently refuses every handshake.
   */
  private static void checkKeystore(BrokerTls tls) {
    try (var in = Files.newInputStream(tls.keystore())) {
      java.security.KeyStore ks =
          java.security.KeyStore.getInstance(
              tls.keystore().toString().endsWith(".jks") ? "JKS" : "PKCS12");
      ks.load(in, tls.password().toCharArray());
      boolean hasKey = false;
      for (var aliases = ks.aliases(); aliases.hasMoreElements(); ) {
        hasKey |= ks.isKeyEntry(aliases.nextElement());
      }
      if (!hasKey) {
        throw new BrokerStartException(
            "the keystore " + tls.keystore() + " holds no private key for the TLS listener");
      }
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      throw new BrokerStartException(
          "cannot open the TLS keystore " + tls.keystore() + ": " + e.getMessage(), e);
    }
  }

  /** The URL local clients use to reach this broker. */
  public String localUrl() {
    String target = "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
    return "mqtt://" + target + ":" + port;
  }

  @Override
  public void close() {
    closeQuietly(hivemq);
  }

  private static void closeQuietly(EmbeddedHiveMQ hivemq) {
    try {
      hivemq.stop().get(30, TimeUnit.SECONDS);
      hivemq.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("Embedded broker did not stop cleanly: {}", e.toString());
    }
  }
}
