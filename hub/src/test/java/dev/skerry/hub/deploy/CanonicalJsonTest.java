package dev.skerry.hub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  private static Deployment parse(String json) {
    return DeploymentParser.parse(json.getBytes(StandardCharsets.UTF_8), false);
  }

  @Test
  void sameContentInAnotherKeyOrderHasTheSameHash() {
    Deployment a =
        parse(
            "{\"name\":\"w\",\"selector\":{\"matchLabels\":{\"a\":\"1\",\"b\":\"2\"}},"
                + "\"workloads\":[{\"name\":\"x\",\"image\":\"i\"}],\"strategy\":{\"bakeSeconds\":1,\"maxFailurePercent\":2}}");
    Deployment b =
        parse(
            "{\"strategy\":{\"maxFailurePercent\":2,\"bakeSeconds\":1},\"workloads\":[{\"image\":\"i\",\"name\":\"x\"}],"
                + "\"selector\":{\"matchLabels\":{\"b\":\"2\",\"a\":\"1\"}},\"name\":\"w\"}");

    assertThat(CanonicalJson.write(a)).isEqualTo(CanonicalJson.write(b));
    assertThat(CanonicalJson.sha256(CanonicalJson.write(a)))
        .isEqualTo(CanonicalJson.sha256(CanonicalJson.write(b)))
        .startsWith("sha256:");
  }

  @Test
  void anotherImageHasAnotherHash() {
    Deployment a = Fixtures.deployment("w", java.util.Map.of(), Fixtures.workload("x", "i:1"));
    Deployment b = Fixtures.deployment("w", java.util.Map.of(), Fixtures.workload("x", "i:2"));

    assertThat(CanonicalJson.sha256(CanonicalJson.write(a)))
        .isNotEqualTo(CanonicalJson.sha256(CanonicalJson.write(b)));
  }
}
