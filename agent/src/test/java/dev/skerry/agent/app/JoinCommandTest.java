package dev.skerry.agent.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.agent.security.EnrollmentServer;
import dev.skerry.core.identity.Fingerprints;
import dev.skerry.core.identity.JoinToken;
import dev.skerry.testsupport.TestCa;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skerry-agent join}: one enrollment, exit codes, messages. */
class JoinCommandTest {
  @TempDir Path dir;
  private final TestCa ca = TestCa.create("hub-ca");
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int join(String... args) {
    return JoinCommand.run(
        args,
        new ConfigLoader(Map.of(), dir.resolve("absent.yaml")),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void enrollsOnceAndThenSaysItIsAlreadyEnrolled() throws Exception {
    try (EnrollmentServer hub = EnrollmentServer.start(ca)) {
      Path tokenFile = Files.writeString(dir.resolve("token"), hub.token.encoded() + "\n");
      String[] args = {
        "--hub-api", hub.url().toString(),
        "--join-token-file", tokenFile.toString(),
        "--device-id", "edge-9",
        "--data-dir", dir.resolve("data").toString()
      };
      assertThat(join(args)).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("enrolled as edge-9");
      Files.delete(tokenFile); // not needed any more
      assertThat(join("--data-dir", dir.resolve("data").toString())).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("already enrolled as edge-9");
    }
  }

  @Test
  void exitsWithOneAndTheHubsMessageWhenRefused() throws Exception {
    try (EnrollmentServer hub = EnrollmentServer.start(ca)) {
      String wrong = JoinToken.generate(Fingerprints.of(ca.certificate())).encoded();
      int code =
          join(
              "--hub-api", hub.url().toString(),
              "--join-token", wrong,
              "--data-dir", dir.resolve("data").toString());
      assertThat(code).isEqualTo(1);
      String msg = err.toString(StandardCharsets.UTF_8);
      assertThat(msg).contains("HTTP 401 invalid_token").doesNotContain(wrong);
      assertThat(dir.resolve("data/identity/device.crt")).doesNotExist();
    }
  }
}
