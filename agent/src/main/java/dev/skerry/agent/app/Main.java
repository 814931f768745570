package dev.skerry.agent.app;

import dev.skerry.core.systemd.ServiceManager;
import dev.skerry.core.systemd.ServiceManagers;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of {@code skerry-agent.jar}: reads the configuration (exit 2 if invalid), starts the
 * {@link Agent} with one small Vert.x instance, and stops it cleanly on SIGTERM.
 */
public final class Main {
  private static final Logger LOG = Logger.getLogger(Main.class.getName());

  private Main() {}

  public static void main(String[] args) {
    Logging.configure(System.getenv("SKERRY_LOG_LEVEL"));
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(Usage.TEXT);
      return;
    }
    if (args.length == 1 && args[0].equals("--version")) {
      System.out.println("skerry-agent " + AgentVersion.get());
      return;
    }
    if (args.length > 0 && args[0].equals("join")) {
      System.exit(
          JoinCommand.run(
              java.util.Arrays.copyOfRange(args, 1, args.length),
              ConfigLoader.system(),
              System.out,
              System.err));
      return;
    }
    AgentConfig config;
    try {
      config = ConfigLoader.system().load(args);
    } catch (ConfigException e) {
      System.err.println("skerry-agent: " + e.getMessage());
      System.err.println("(see --help)");
      System.exit(2);
      return;
    }
    // Our own worker threads do the blocking work; Vert.x needs one event loop for the local API
    // and the containerd gRPC client, and few workers.
    Vertx vertx =
        AgentVertx.create(
            new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2));
    // Loads the notify socket's classes only when systemd runs the agent as Type=notify.
    ServiceManager systemd = ServiceManagers.fromSystem();
    Agent agent;
    try {
      agent = Agent.start(config, vertx, RuntimeFactory.containerd(), Clock.systemUTC(), systemd);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "cannot start: " + e.getMessage(), e);
      systemd.close();
      vertx.close();
      System.exit(1);
      return;
    }
    LOG.info(
        "skerry-agent "
            + AgentVersion.get()
            + " started as "
            + config.deviceId()
            + (config.hub() != null
                ? ", hub " + config.hub()
                : config.hubApi() != null ? ", hub API " + config.hubApi() : " (offline-only)"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // JUL's own shutdown hook may already have closed the log handlers, so this
                  // one line goes straight to stderr (journald).
                  System.err.println("skerry-agent: stopping; workloads keep running");
                  try {
                    agent.close();
                    vertx.close().toCompletionStage().toCompletableFuture().join();
                    systemd.close();
                  } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "shutdown", e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "skerry-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
