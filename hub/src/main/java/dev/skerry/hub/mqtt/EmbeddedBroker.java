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
  private final int tlsPort;

  private EmbeddedBroker(EmbeddedHiveMQ hivemq, String host, int port, int tlsPort) {
    this.hivemq = hivemq;
    this.host = host;
    this.port = port;
    this.tlsPort = tlsPort;
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
    return start(dataDir, host, port, tls, null, null);
  }

  /**
   * Client certificates on the TLS listener: they must chain to a CA in {@code truststore}
   * (PKCS#12); {@code required} refuses a handshake without one (otherwise optional).
   */
  public record ClientCertificates(Path truststore, String password, boolean required) {
    @Override
    public String toString() {
      return "ClientCertificates[" + truststore + ", required=" + required + "]";
    }
  }

  /**
   * Starts the broker with a plain listener on {@code host:port} unless {@code port} is negative, a
   * TLS listener when {@code tls} is given, client certificates checked when {@code clients} is
   * given, and {@code extension} (authentication, authorization) registered before any listener
   * opens.
   *
   * @throws BrokerStartException if a port is taken, the keystore is unreadable, or HiveMQ does not
   *     start
   */
  public static EmbeddedBroker start(
      Path dataDir,
      String host,
      int port,
      BrokerTls tls,
      ClientCertificates clients,
      com.hivemq.embedded.EmbeddedExtension extension) {
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
    if (port >= 0 && !PortProbe.isFree(host, port)) {
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
      BrokerConfigFile.write(
          root.resolve("conf"),
          host,
          port,
          tls,
          clients == null
              ? null
              : new BrokerConfigFile.ClientAuth(
                  clients.truststore(),
                  clients.password(),
                  clients.required() ? "REQUIRED" : "OPTIONAL"));
      Files.createDirectories(root.resolve("data"));
      Files.createDirectories(root.resolve("extensions"));
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      throw new BrokerStartException("cannot prepare " + root + ": " + e.getMessage(), e);
    }
    var builder =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(root.resolve("conf"))
            .withDataFolder(root.resolve("data"))
            .withExtensionsFolder(root.resolve("extensions"))
            .withoutLoggingBootstrap();
    if (extension != null) {
      builder = builder.withEmbeddedExtension(extension);
    }
    EmbeddedHiveMQ hivemq = builder.build();
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
        "Embedded MQTT broker listening on {}{}{} (started in {} ms)",
        port < 0 ? "no plain port" : host + ":" + port,
        tls == null ? "" : ", TLS on " + host + ":" + tls.port(),
        clients == null ? "" : (clients.required() ? " (client certificate required)" : ""),
        (System.nanoTime() - started) / 1_000_000);
    return new EmbeddedBroker(hivemq, host, port, tls == null ? -1 : tls.port());
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

  /** The URL local clients use to reach this broker: the plain listener's, else the TLS one's. */
  public String localUrl() {
    String target = "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
    return port >= 0 ? "mqtt://" + target + ":" + port : localTlsUrl();
  }

  /** The TLS listener's URL for local clients (its server certificate names 127.0.0.1). */
  public String localTlsUrl() {
    String target = "0.0.0.0".equals(host) || "::".equals(host) ? "127.0.0.1" : host;
    return "mqtts://" + target + ":" + tlsPort;
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
