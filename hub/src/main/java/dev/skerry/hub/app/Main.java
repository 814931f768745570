package dev.skerry.hub.app;

import dev.skerry.core.systemd.ServiceManager;
import dev.skerry.core.systemd.ServiceManagers;
import dev.skerry.hub.mqtt.BrokerStartException;
import dev.skerry.hub.store.DatabaseUnavailableException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of {@code skerry-hub.jar}: reads the configuration, starts the hub, waits. */
public final class Main {
  /**
   * Exit code when the configuration or the environment (a taken port, an unreachable database)
   * stops start-up.
   */
  public static final int EXIT_CONFIG = 2;

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && "create-admin".equals(args[0])) {
      System.exit(
          CreateAdmin.run(
              java.util.Arrays.copyOfRange(args, 1, args.length),
              System.in,
              System.out,
              System.err));
      return;
    }
    HubConfig config;
    try {
      config = new HubConfigLoader(System.getenv()).load(args);
    } catch (ConfigException e) {
      LOG.error("The hub cannot start; its configuration has {} error(s):", e.errors().size());
      e.errors().forEach(error -> LOG.error("  {}", error));
      System.exit(EXIT_CONFIG);
      return;
    }
    if ("json".equals(config.logFormat())) {
      LogFormat.json();
    }
    long t0 = System.nanoTime();
    Hub hub;
    try {
      hub = Hub.start(config, Clock.systemUTC());
    } catch (BrokerStartException | DatabaseUnavailableException e) {
      LOG.error("The hub cannot start: {}", e.getMessage());
      System.exit(EXIT_CONFIG);
      return;
    } catch (RuntimeException e) {
      LOG.error("The hub cannot start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    String status =
        "serving: REST API on "
            + config.httpHost()
            + ":"
            + hub.httpPort()
            + ", MQTT "
            + hub.brokerUrl();
    // Loads the notify socket's classes only when systemd runs the hub as Type=notify.
    ServiceManager systemd = ServiceManagers.fromSystem();
    HubSupervision supervision = HubSupervision.ready(systemd, hub, status);
    LOG.info(
        "Skerry hub ready in {} ms: REST API https://{}:{}/api/v1 and http://{}:{}/api/v1 (admin"
            + " token in {}), MQTT {}",
        (System.nanoTime() - t0) / 1_000_000,
        config.https().host(),
        hub.httpsPort(),
        config.plainHttpBind(),
        hub.httpPort(),
        config.effectiveAdminTokenFile().toAbsolutePath(),
        hub.brokerUrl());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("Stopping the hub");
                  supervision.stopping();
                  hub.close();
                  systemd.close();
                  stopped.countDown();
                  LOG.info("Hub stopped");
                },
                "skerry-hub-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
