package dev.skerry.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.identity.DocumentSignature;
import dev.skerry.core.wire.Ack;
import dev.skerry.core.wire.Command;
import dev.skerry.core.wire.WireJson;
import dev.skerry.testsupport.fuzz.Fuzz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated payloads of every topic the agent reads (desired, ack, commands) and mutated signature
 * properties: the checks return a verdict or a problem, and reading throws only IOException.
 */
class AgentMessagesFuzzTest {
  static final String DESIRED =
      "{\"v\":1,\"deviceId\":\"dev1\",\"revision\":4,\"workloads\":[{\"name\":\"web\","
          + "\"deployment\":\"web\",\"spec\":{\"name\":\"web\",\"image\":\"nginx:1.27\","
          + "\"env\":{\"K\":\"V\"},\"restartPolicy\":\"always\",\"resources\":{\"memoryMiB\":64},"
          + "\"healthCheck\":{\"tcpSocket\":{\"port\":80}},\"network\":\"host\"}}]}";
  static final String ACK = "{\"v\":1,\"eventsThrough\":42}";
  static final String COMMAND =
      "{\"v\":1,\"id\":\"c-1\",\"kind\":\"logs\",\"workload\":\"web\",\"tail\":50}";

  @Test
  @Timeout(60)
  void judgesMutatedDesiredDocumentsWithoutThrowing() {
    DesiredDocumentCheck check = new DesiredDocumentCheck("dev1");

    Fuzz.parser("agent desired")
        .seeds(DESIRED, "{\"v\":1,\"deviceId\":\"dev1\",\"revision\":1,\"workloads\":[]}")
        .allowing()
        .inputs(10_000)
        .run(payload -> assertThat(check.check(payload)).isNotNull());
  }

  @Test
  @Timeout(60)
  void readsMutatedAcksAndCommandsThrowingOnlyIoExceptions() {
    Fuzz.parser("agent ack")
        .seeds(ACK, "{\"v\":1,\"eventsThrough\":0}")
        .allowing(IOException.class)
        .inputs(15_000)
        .run(
            payload -> {
              if (payload.length <= AckIntake.MAX_BYTES) {
                WireJson.mapper().readValue(payload, Ack.class);
              }
            });
    Fuzz.parser("agent command")
        .seeds(COMMAND, "{\"v\":1,\"id\":\"c-2\",\"kind\":\"restart\",\"workload\":\"web\"}")
        .allowing(IOException.class)
        .inputs(15_000)
        .run(payload -> WireJson.mapper().readValue(payload, Command.class));
  }

  @Test
  @Timeout(60)
  void judgesMutatedSignaturePropertiesWithoutThrowing() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] payload = DESIRED.getBytes(StandardCharsets.UTF_8);
    String good = DocumentSignature.sign(keys.getPrivate(), keys.getPublic(), payload);
    assertThat(DocumentSignature.verify(good, payload, List.of(keys.getPublic())))
        .isInstanceOf(DocumentSignature.Valid.class);

    Fuzz.parser("skerry-sig property")
        .seeds(good, "ed25519::", "ed25519:abc:")
        .dictionary(List.of(":", "ed25519:", "=", "+", "/", "%"))
        .allowing()
        .inputs(30_000)
        .run(
            property ->
                assertThat(
                        DocumentSignature.verify(
                            new String(property, StandardCharsets.UTF_8),
                            payload,
                            List.of(keys.getPublic())))
                    .isNotNull());
  }
}
