package dev.skerry.agent.app;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A real mosquitto broker on a free port, started and stopped by a test. */
final class Mosquitto implements AutoCloseable {
  private static final String BINARY = "/usr/sbin/mosquitto";
  private final int port;
  private final Path conf;
  private final Path log;
  private Process process;

  private Mosquitto(int port, Path conf, Path log) {
    this.port = port;
    this.conf = conf;
    this.log = log;
  }

  static Mosquitto start(Path dir) throws IOException {
    return start(dir, "");
  }

  /** Starts with extra lines for the listener, e.g. {@code certfile ...} for TLS. */
  static Mosquitto start(Path dir, String listenerOptions) throws IOException {
    int port = freePort();
    Path conf = dir.resolve("mosquitto-" + port + ".conf");
    Files.writeString(
        conf,
        "listener "
            + port
            + " 127.0.0.1\n"
            + listenerOptions
            + "allow_anonymous true\npersistence false\n");
    Mosquitto m = new Mosquitto(port, conf, dir.resolve("mosquitto-" + port + ".log"));
    m.launch();
    return m;
  }

  private void launch() throws IOException {
    process =
        new ProcessBuilder(BINARY, "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(this::accepts);
  }

  /** Stops the broker (its sessions and retained messages are lost: no persistence). */
  void stop() throws InterruptedException {
    close();
  }

  /** Starts it again on the same port. */
  void restart() throws IOException {
    launch();
  }

  int port() {
    return port;
  }

  String tcpUrl() {
    return "tcp://127.0.0.1:" + port;
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

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
