package dev.skerry.e2e.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skerry.agent.app.AgentConfig;
import dev.skerry.agent.app.ConfigValidator;
import dev.skerry.agent.runtime.ContainerSpec;
import dev.skerry.agent.runtime.ResolvedImage;
import dev.skerry.agent.runtime.RuntimeFailure;
import dev.skerry.agent.runtime.SpecBuilder;
import dev.skerry.agent.sync.DesiredDocumentCheck;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.hub.deploy.DeploymentParser;
import dev.skerry.hub.deploy.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The hub's verdict on a deployment holding a workload (its parser, which validates before the
 * deployment is stored) and the agent's verdict on a desired document holding the same workload
 * (what it checks on receipt) agree on every generated spec. The agent's own labels, which its
 * config validator checks, must follow the rules the hub's selector keys follow. The one exception
 * is {@link SpecGenerator#OUTSIDE_ALLOW_LIST}: which host paths a device lets workloads mount only
 * the device knows; both sides accept such a spec and the device refuses that workload when it
 * builds the container.
 */
class HubAndAgentAgreeTest {
  private static final long SEED = 20261203L;
  private static final int CASES = 1000;
  private static final ObjectMapper JSON = WireJson.mapper();
  private static final List<Path> ALLOWED = List.of(Path.of(SpecGenerator.ALLOWED_HOST_PATH));

  // Once: the defaults look up the host name.
  private static final AgentConfig DEFAULTS = AgentConfig.defaults();

  private final DesiredDocumentCheck agent = new DesiredDocumentCheck("dev1");

  @Test
  void theHubAndTheAgentAgreeOnEveryGeneratedSpec() throws Exception {
    SpecGenerator generator = new SpecGenerator(SEED);
    List<String> disagreements = new ArrayList<>();
    Set<String> mutationsSeen = new HashSet<>();
    int valid = 0;
    for (int i = 0; i < CASES; i++) {
      SpecGenerator.Case c = generator.next();
      mutationsSeen.addAll(c.mutations());
      valid += c.valid() ? 1 : 0;
      Verdict hub = hubVerdict(c);
      Verdict device = agentVerdict(c);
      if (hub.accepted() != device.accepted() || hub.accepted() != c.valid()) {
        disagreements.add(
            "case "
                + i
                + " "
                + c.mutations()
                + ": intended "
                + (c.valid() ? "valid" : "invalid")
                + ", hub "
                + hub
                + ", agent "
                + device
                + "\n  "
                + JSON.writeValueAsString(c.spec()));
      }
    }

    assertThat(disagreements).as("seed " + SEED).isEmpty();
    // The generator reaches every mutation and both verdicts often enough to mean something.
    assertThat(valid).isBetween(CASES / 5, CASES * 4 / 5);
    assertThat(mutationsSeen)
        .contains(
            "port probe without host network",
            "label key ends with -",
            "image with spaces and upper case",
            SpecGenerator.OUTSIDE_ALLOW_LIST)
        .isEqualTo(SpecGenerator.MUTATIONS);
  }

  @Test
  void aMountOutsideTheAllowListIsTheDevicesCallAlone() throws Exception {
    SpecGenerator generator = new SpecGenerator(SEED);
    int seen = 0;
    for (int i = 0; i < CASES && seen < 20; i++) {
      SpecGenerator.Case c = generator.next();
      if (!c.deviceLocal() || !c.valid()) {
        continue;
      }
      seen++;
      assertThat(hubVerdict(c).accepted()).isTrue();
      assertThat(agentVerdict(c).accepted()).isTrue();
      assertThatThrownBy(() -> SpecBuilder.build(container(c.spec()), "skerry", ALLOWED))
          .isInstanceOfSatisfying(
              RuntimeFailure.class, f -> assertThat(f.reason()).isEqualTo("MountNotAllowed"));
    }
    assertThat(seen).isPositive();
  }

  private record Verdict(boolean accepted, String why) {
    @Override
    public String toString() {
      return accepted ? "accepts" : "refuses (" + why + ")";
    }
  }

  private static Verdict hubVerdict(SpecGenerator.Case c) throws Exception {
    ObjectNode d = JSON.createObjectNode();
    d.put("name", "d");
    d.putObject("selector").putObject("matchLabels").put(c.labelKey(), c.labelValue());
    d.putArray("workloads").add(JSON.valueToTree(c.spec()));
    try {
      DeploymentParser.parse(JSON.writeValueAsBytes(d), false);
      return new Verdict(true, null);
    } catch (InvalidInputException e) {
      assertThat(e.code()).isEqualTo("invalid");
      return new Verdict(false, String.join("; ", e.details()));
    }
  }

  /** The desired document holding the workload, and the agent's config holding the label. */
  private Verdict agentVerdict(SpecGenerator.Case c) throws Exception {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("v", 1).put("deviceId", "dev1").put("revision", 7);
    doc.put("issuedAt", "2026-12-03T00:00:00Z");
    ObjectNode w = doc.putArray("workloads").addObject();
    w.put("deployment", "d").put("revision", 3);
    w.set("spec", JSON.valueToTree(c.spec()));
    List<String> why = new ArrayList<>();
    if (agent.check(JSON.writeValueAsBytes(doc)) instanceof DesiredDocumentCheck.Rejected r) {
      why.add(r.reason());
    }
    ConfigValidator.validate(config(Map.of(c.labelKey(), c.labelValue()))).stream()
        .filter(e -> e.startsWith("labels"))
        .forEach(why::add);
    return new Verdict(why.isEmpty(), String.join("; ", why));
  }

  private static AgentConfig config(Map<String, String> labels) {
    AgentConfig d = DEFAULTS;
    return new AgentConfig(
        null,
        "dev1",
        null,
        labels,
        d.containerdSocket(),
        d.namespace(),
        d.dataDir(),
        d.apiListen(),
        d.insecureRegistries(),
        d.platform(),
        ALLOWED,
        d.logMaxBytes());
  }

  private static ContainerSpec container(WorkloadSpec spec) {
    ResolvedImage.ImageConfig config =
        new ResolvedImage.ImageConfig(List.of("/bin/sh"), null, null, null, null, Map.of());
    return new ContainerSpec(
        "d-" + spec.name(),
        "d",
        3,
        "hash",
        spec,
        new ResolvedImage(spec.image(), "sha256:" + "0".repeat(64), "chain", config, 0));
  }
}
