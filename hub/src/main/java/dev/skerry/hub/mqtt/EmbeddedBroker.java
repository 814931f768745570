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
      BrokerConfigFile.write(root.resolve("conf"), host, port);
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
        "Embedded MQTT broker listening on {}:{} (started in {} ms)",
        host,
        port,
        (System.nanoTime() - started) / 1_000_000);
    return new EmbeddedBroker(hivemq, host, port);
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
