package dev.skerry.hub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.hub.mqtt.BrokerStartException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up failures say what is wrong and what to do; the jar exits with code 2. */
class StartupIT {
  @TempDir Path dataDir;

  @Test
  void aTakenBrokerPortStopsStartUpWithAdvice() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> TestHub.embedded(dataDir, taken.getLocalPort()))
          .isInstanceOf(BrokerStartException.class)
          .hasMessageContaining("port is taken")
          .hasMessageContaining("--embedded-mqtt-port")
          .hasMessageContaining("--mqtt-url");
    }
  }

  @Test
  void theJarExitsWithCode2WhenTheBrokerPortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
      Result r =
          runJar(
              "--data-dir",
              dataDir.toString(),
              "--http-port",
              "0",
              "--embedded-mqtt-port",
              String.valueOf(taken.getLocalPort()),
              // the plain port opens only in the insecure mode
              "--insecure-anonymous-mqtt",
              "--https-port",
              "0",
              "--embedded-mqtts-port",
              "0");

      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.output()).contains("port is taken").contains("--embedded-mqtt-port");
    }
  }

  @Test
  void theJarListsEveryConfigurationErrorAndExitsWithCode2() throws Exception {
    Result r =
        runJar(
            "--data-dir",
            dataDir.toString(),
            "--http-port",
            "99999",
            "--db-url",
            "jdbc:mysql://db/skerry?password=hunter2");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output())
        .contains("2 error(s)")
        .contains("http-port: 99999 is not a port")
        .contains("db-url: 'jdbc:mysql://db/skerry?password=***' is not supported")
        .doesNotContain("hunter2");
  }

  @Test
  void anUnreachablePostgresqlStopsStartUpWithCode2AndNamesTheUrlWithoutPassword()
      throws Exception {
    int closedPort = TestHub.freePort();
    Result r =
        runJar(
            "--data-dir",
            dataDir.toString(),
            "--http-port",
            "0",
            "--embedded-mqtt-port",
            String.valueOf(TestHub.freePort()),
            "--https-port",
            "0",
            "--embedded-mqtts-port",
            String.valueOf(TestHub.freePort()),
            "--db-url",
            "jdbc:postgresql://127.0.0.1:" + closedPort + "/skerry?user=hub&password=hunter2");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output())
        .contains("cannot open PostgreSQL database")
        .contains("jdbc:postgresql://127.0.0.1:" + closedPort + "/skerry?user=hub&password=***")
        .doesNotContain("hunter2");
  }

  record Result(int exitCode, String output) {}

  private static Result runJar(String... args) throws IOException, InterruptedException {
    Path jar = Path.of("target", "skerry-hub.jar");
    assertThat(jar).exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the hub did not exit");
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.exitValue(), output);
  }

  @Test
  void startUpCreatesTheAdminTokenFileInTheDataDirectory() throws Exception {
    try (TestHub hub = TestHub.embedded(dataDir)) {
      assertThat(Files.readString(dataDir.resolve("admin.token")).trim()).hasSize(64);
      assertThat(Files.readString(dataDir.resolve("broker/conf/config.xml")))
          .contains("<enabled>false</enabled>");
      assertThat(dataDir.resolve("hub.db")).exists();
    }
  }
}
