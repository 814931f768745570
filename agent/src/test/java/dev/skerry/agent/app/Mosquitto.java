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
  private final Process process;

  private Mosquitto(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  static Mosquitto start(Path dir) throws IOException {
    int port = freePort();
    Path conf = dir.resolve("mosquitto-" + port + ".conf");
    Files.writeString(
        conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
    Process p =
        new ProcessBuilder(BINARY, "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto-" + port + ".log").toFile())
            .start();
    Mosquitto m = new Mosquitto(port, p);
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(m::accepts);
    return m;
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
