package dev.skerry.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A mosquitto of the test's own on a free port (never the system one on 1883), plain or with a TLS
 * listener whose certificate (for {@code localhost} and {@code 127.0.0.1}) comes from a {@link
 * TestCa}. One helper for the hub's and the agent's tests.
 */
public final class OwnMosquitto implements AutoCloseable {
  private final int port;
  private final boolean tls;
  private final Process process;
  private final Path log;

  private OwnMosquitto(int port, boolean tls, Process process, Path log) {
    this.port = port;
    this.tls = tls;
    this.process = process;
    this.log = log;
  }

  /**
   * SIGHUP, what {@code systemctl reload mosquitto} sends: Mosquitto reads its configuration again
   * (and a {@code crlfile}). Returns once it has logged the reload.
   */
  public void reload() throws IOException, InterruptedException {
    long before = reloads();
    new ProcessBuilder("kill", "-HUP", String.valueOf(process.pid())).start().waitFor();
    await().atMost(Duration.ofSeconds(10)).until(() -> reloads() > before);
  }

  private long reloads() throws IOException {
    return Files.readAllLines(log).stream().filter(l -> l.contains("Reloading config")).count();
  }

  public static OwnMosquitto start(Path dir, TestCa ca) throws IOException {
    Path caCert = ca == null ? null : ca.writeCertificate(dir.resolve("mosquitto-ca"));
    Path[] server =
        ca == null
            ? null
            : ca.server("localhost", "127.0.0.1").writePem(dir.resolve("mosquitto-ca"), "server");
    return start(
        dir,
        ca != null,
        port -> {
          StringBuilder conf = new StringBuilder("listener " + port + " 127.0.0.1\n");
          if (ca != null) {
            conf.append("cafile ").append(caCert).append('\n');
            conf.append("certfile ").append(server[1]).append('\n');
            conf.append("keyfile ").append(server[0]).append('\n');
          }
          conf.append("allow_anonymous true\n");
          return conf.toString();
        });
  }

  /**
   * A mosquitto on a free port with the configuration {@code config} makes for that port (it must
   * open a listener on it, on 127.0.0.1).
   */
  public static OwnMosquitto start(Path dir, boolean tls, IntFunction<String> config)
      throws IOException {
    int port = freePort();
    // Started as root, mosquitto switches to the user mosquitto, which cannot read the key in the
    // test's private directory; "user root" keeps it (and is ignored when not run as root).
    String conf = config.apply(port) + "persistence false\nuser root\n";
    Path file = dir.resolve("mosquitto-" + port + ".conf");
    Files.writeString(file, conf);
    Path log = dir.resolve("mosquitto-" + port + ".log");
    Process p =
        new ProcessBuilder("/usr/sbin/mosquitto", "-c", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    OwnMosquitto m = new OwnMosquitto(port, tls, p, log);
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(m::accepts);
    return m;
  }

  /** {@code mqtts://localhost:port} (the certificate names localhost) or {@code mqtt://...}. */
  public String url() {
    return tls ? "mqtts://localhost:" + port : "mqtt://127.0.0.1:" + port;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private boolean accepts() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException("mosquitto exited with " + process.exitValue());
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
