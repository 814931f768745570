package dev.skerry.agent.runtime;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private docker-registry on a free loopback port with TLS (certificate from a test CA made by
 * openssl) and htpasswd logins, holding a copy of the test image pushed by skopeo. One user, {@link
 * #USER} / {@link #PASSWORD}.
 */
final class SecureRegistry implements AutoCloseable {
  static final String USER = "edge";
  static final String PASSWORD = "s3cret-Pa55word";

  private final Path dir;
  private final int port;
  private final Process registry;

  private SecureRegistry(Path dir, int port, Process registry) {
    this.dir = dir;
    this.port = port;
    this.registry = registry;
  }

  /** Starts it and copies {@code skerry/busybox:1} into it from the test environment's registry. */
  static SecureRegistry start() throws Exception {
    Path dir = Files.createTempDirectory("skerry-secure-registry");
    makeCertificates(dir);
    String htpasswd = run(dir, "htpasswd", "-Bbn", USER, PASSWORD).strip();
    Files.writeString(dir.resolve("htpasswd"), htpasswd + "\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(
        dir.resolve("config.yml"),
        String.join(
            "\n",
            "version: 0.1",
            "log:",
            "  level: warn",
            "  accesslog:",
            "    disabled: true",
            "storage:",
            "  filesystem:",
            "    rootdirectory: " + dir.resolve("data"),
            "http:",
            "  addr: 127.0.0.1:" + port,
            "  tls:",
            "    certificate: " + dir.resolve("server.crt"),
            "    key: " + dir.resolve("server.key"),
            "auth:",
            "  htpasswd:",
            "    realm: skerry-it",
            "    path: " + dir.resolve("htpasswd"),
            ""));
    Process process =
        new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    SecureRegistry registry = new SecureRegistry(dir, port, process);
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> listening(port));
      Path certs = Files.createDirectories(dir.resolve("certs.d"));
      Files.copy(dir.resolve("ca.crt"), certs.resolve("ca.crt"));
      run(
          dir,
          "skopeo",
          "--insecure-policy",
          "copy",
          "-q",
          "--src-tls-verify=false",
          "--dest-creds",
          USER + ":" + PASSWORD,
          "--dest-cert-dir",
          certs.toString(),
          "docker://" + ItEnv.get("SKERRY_IT_REGISTRY") + "/skerry/busybox:1",
          "docker://127.0.0.1:" + port + "/skerry/busybox:1");
      return registry;
    } catch (Exception | Error e) {
      registry.close();
      throw e;
    }
  }

  /** host:port */
  String address() {
    return "127.0.0.1:" + port;
  }

  String image() {
    return address() + "/skerry/busybox:1";
  }

  Path caFile() {
    return dir.resolve("ca.crt");
  }

  /** Writes the password into a file, as an operator would (with a trailing newline). */
  Path passwordFile(String password) throws IOException {
    Path file = Files.createTempFile(dir, "password", ".txt");
    Files.writeString(file, password + "\n");
    return file;
  }

  private static void makeCertificates(Path dir) throws Exception {
    run(
        dir,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "2",
        "-subj",
        "/CN=skerry-it-ca");
    run(
        dir,
        "openssl",
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1");
    Files.writeString(dir.resolve("san.cnf"), "subjectAltName=IP:127.0.0.1\n");
    run(
        dir,
        "openssl",
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.crt",
        "-days",
        "2",
        "-extfile",
        "san.cnf");
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Runs a command in {@code dir}; its stdout, or an exception with its output. */
  private static String run(Path dir, String... command) throws Exception {
    Process p =
        new ProcessBuilder(new ArrayList<>(List.of(command)))
            .directory(dir.toFile())
            .redirectError(dir.resolve("command.err").toFile())
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          command[0]
              + " failed (exit "
              + p.exitValue()
              + "): "
              + Files.readString(dir.resolve("command.err")));
    }
    return out;
  }

  @Override
  public void close() {
    registry.destroy();
    try (Stream<Path> files = Files.walk(dir)) {
      registry.waitFor();
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp dir
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
