package dev.skerry.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.wire.WorkloadSpec;
import dev.skerry.core.wire.WorkloadSpec.HealthCheck;
import dev.skerry.core.wire.WorkloadSpec.HttpGet;
import dev.skerry.core.wire.WorkloadSpec.Mount;
import dev.skerry.core.wire.WorkloadSpec.Resources;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadSpecRulesTest {
  private static WorkloadSpec spec(String name, String image) {
    return new WorkloadSpec(name, image, null, null, null, null, null, null, null, null, null);
  }

  private static List<String> errors(WorkloadSpec w) {
    return WorkloadSpecRules.validate("workloads[0]", w).stream()
        .map(FieldError::toString)
        .toList();
  }

  @Test
  void acceptsAMinimalAndAFullSpec() {
    assertThat(errors(spec("web", "nginx:1.27"))).isEmpty();
    WorkloadSpec full =
        new WorkloadSpec(
            "web",
            "127.0.0.1:5000/skerry/web:1",
            List.of("/bin/web"),
            List.of("--port", "8080"),
            Map.of("MODE", "edge"),
            "on-failure",
            new Resources(64, 0.5),
            List.of(new Mount("/srv/data", "/data", true)),
            new HealthCheck(null, new HttpGet(8080, "/healthz"), null, 5, 1, 3, 0),
            "host",
            "start-first");
    assertThat(errors(full)).isEmpty();
  }

  @Test
  void refusesTheImageTheHubOnceStored() {
    assertThat(errors(spec("web", "UPPER CASE::bad")))
        .singleElement()
        .asString()
        .startsWith("workloads[0].image: invalid image reference 'UPPER CASE::bad'");
  }

  @Test
  void refusesAPortProbeWithoutTheHostNetwork() {
    WorkloadSpec w =
        new WorkloadSpec(
            "web",
            "nginx",
            null,
            null,
            null,
            null,
            null,
            null,
            new HealthCheck(null, new HttpGet(80, "/"), null, null, null, null, null),
            "none",
            null);
    assertThat(errors(w))
        .containsExactly("workloads[0].healthCheck.httpGet: needs network host (use exec)");
  }

  @Test
  void namesEveryBadFieldAtOnce() {
    Map<String, String> env = new HashMap<>();
    env.put("A=B", "x");
    env.put("NULL", null);
    WorkloadSpec w =
        new WorkloadSpec(
            "Web",
            "",
            Arrays.asList("sh", null),
            null,
            env,
            "sometimes",
            new Resources(0, -1.0),
            List.of(
                new Mount("data", "/x", null),
                new Mount("/srv/b", "/x", null),
                new Mount("/srv/c", "rel", null)),
            null,
            "bridge",
            "sideways");
    assertThat(errors(w))
        .containsExactlyInAnyOrder(
            "workloads[0].name: 'Web' must be 1-63 lower-case letters, digits or '-', starting"
                + " and ending with a letter or digit",
            "workloads[0].image: required",
            "workloads[0].command[1]: must not be null",
            "workloads[0].env.A=B: the name must not contain '=' or NUL",
            "workloads[0].env.NULL: must be a string",
            "workloads[0].restartPolicy: must be always, on-failure or never",
            "workloads[0].updateStrategy: must be stop-first or start-first",
            "workloads[0].network: must be host or none",
            "workloads[0].resources.memoryMiB: must be > 0",
            "workloads[0].resources.cpus: must be > 0",
            "workloads[0].mounts[0].hostPath: must be an absolute path",
            "workloads[0].mounts[1].containerPath: '/x' is already mounted by mounts[0]",
            "workloads[0].mounts[2].containerPath: must be an absolute path");
  }

  @Test
  void aNameUsedTwiceIsNamedAtTheSecondUse() {
    assertThat(
            WorkloadSpecRules.validate(
                    "workloads", Arrays.asList(spec("a", "x"), null, spec("a", "y")))
                .stream()
                .map(FieldError::toString))
        .containsExactly(
            "workloads[1]: must not be null",
            "workloads[2].name: 'a' is used by an earlier workload");
  }

  @Test
  void namesAreDnsLabelsOfAtMostSixtyThreeCharacters() {
    String ok = "a".repeat(63);
    assertThat(Names.valid(ok)).isTrue();
    assertThat(Names.valid(ok + "a")).isFalse();
    assertThat(Names.valid("-a")).isFalse();
    assertThat(Names.valid("a-")).isFalse();
    assertThat(Names.valid("a-1")).isTrue();
    assertThat(Names.valid(null)).isFalse();
  }
}
