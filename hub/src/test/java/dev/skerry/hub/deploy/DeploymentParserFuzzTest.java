package dev.skerry.hub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.testsupport.fuzz.Fuzz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated deployment bodies, JSON and YAML: the parser refuses them with {@link
 * InvalidInputException} only, within the per-input time limit.
 */
class DeploymentParserFuzzTest {
  static final String JSON =
      "{\"name\":\"web\",\"selector\":{\"matchLabels\":{\"site\":\"north\"}},"
          + "\"workloads\":[{\"name\":\"web\",\"image\":\"registry.example:5000/app:1.2\","
          + "\"command\":[\"/bin/app\"],\"args\":[\"--port\",\"8080\"],\"env\":{\"K\":\"V\"},"
          + "\"restartPolicy\":\"always\",\"resources\":{\"memoryMiB\":64,\"cpus\":0.5},"
          + "\"mounts\":[{\"hostPath\":\"/var/lib/app\",\"containerPath\":\"/data\"}],"
          + "\"healthCheck\":{\"httpGet\":{\"port\":8080,\"path\":\"/healthz\"},"
          + "\"periodSeconds\":5},\"network\":\"host\"}],"
          + "\"strategy\":{\"type\":\"rolling\",\"maxUnavailable\":1}}";
  static final String YAML =
      "name: web\nselector:\n  matchLabels:\n    site: north\nworkloads:\n  - name: web\n"
          + "    image: nginx:1.27\n    env: {K: V}\n    resources:\n      memoryMiB: 64\n"
          + "    healthCheck:\n      tcpSocket: {port: 80}\n    ports:\n"
          + "      - {containerPort: 80, hostPort: 8080}\n";

  @Test
  @Timeout(120)
  void refusesMutatedJsonDeploymentsOnlyAsInvalidInput() {
    int refused =
        Fuzz.parser("deployment JSON")
            .seeds(JSON, "{\"name\":\"a\",\"workloads\":[]}", "[]", "{}")
            .allowing(InvalidInputException.class)
            .inputs(20_000)
            .run(body -> DeploymentParser.parse(body, false));

    assertThat(refused).isPositive();
  }

  @Test
  @Timeout(120)
  void refusesMutatedYamlDeploymentsOnlyAsInvalidInput() {
    int refused =
        Fuzz.parser("deployment YAML")
            .seeds(YAML, JSON, "a: &x [1]\nb: *x\n", "!!java.util.Date x\n")
            .allowing(InvalidInputException.class)
            .inputs(3_000)
            .run(body -> DeploymentParser.parse(body, true));

    assertThat(refused).isPositive();
  }
}
