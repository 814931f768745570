package dev.skerry.agent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a process: exit codes, offline start, clean stop on SIGTERM. */
class MainProcessIT {
  private static final Path JAR = Path.of("target/skerry-agent.jar");
  @TempDir Path dir;

  private Process run(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("java", "-Xmx32m", "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.log").toFile())
        .start();
  }

  @Test
  void exitsWithTwoAndListsEveryProblemOnABadConfiguration() throws Exception {
    Process p = run("--device-id", "a/b", "--hub", "http://x", "--bogus", "1");
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("out.log")))
        .contains("invalid configuration")
        .contains("unknown option --bogus")
        .contains("device-id:")
        .contains("hub:");
  }

  @Test
  void startsOfflineServesTheApiAndStopsCleanlyOnSigterm() throws Exception {
    int port = Mosquitto.freePort();
    Process p =
        run(
            "--device-id",
            "proc-1",
            "--data-dir",
            dir.resolve("data").toString(),
            "--api-listen",
            "127.0.0.1:" + port,
            "--containerd-socket",
            dir.resolve("none.sock").toString());
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest healthz =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build();
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () -> http.send(healthz, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
      assertThat(dir.resolve("data/agent.db")).exists();

      p.destroy(); // SIGTERM
      assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("128 + SIGTERM, as for any JVM").isEqualTo(143);
      assertThat(Files.readString(dir.resolve("out.log")))
          .contains("stopping; workloads keep running");
    } finally {
      p.destroyForcibly();
    }
  }
}
