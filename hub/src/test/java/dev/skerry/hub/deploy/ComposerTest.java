package dev.skerry.hub.deploy;

import static dev.skerry.hub.deploy.Fixtures.deployment;
import static dev.skerry.hub.deploy.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.core.wire.DesiredWorkload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposerTest {
  private static final Map<String, Map<String, String>> DEVICES =
      Map.of(
          "north-1", Map.of("site", "north"),
          "south-1", Map.of("site", "south"));

  @Test
  void givesEachDeviceTheWorkloadsOfEveryMatchingDeployment() {
    Composition c =
        Composer.compose(
            DEVICES,
            List.of(
                new Composer.Input(
                    deployment("web", Map.of("site", "north"), workload("web", "nginx:1")), 3, 1),
                new Composer.Input(
                    deployment("agent", Map.of(), workload("metrics", "prom:2")), 1, 2)));

    assertThat(c.workloadsOf("north-1"))
        .containsExactly(
            new DesiredWorkload("agent", 1, workload("metrics", "prom:2")),
            new DesiredWorkload("web", 3, workload("web", "nginx:1")));
    assertThat(c.workloadsOf("south-1"))
        .containsExactly(new DesiredWorkload("agent", 1, workload("metrics", "prom:2")));
    assertThat(c.conflicts()).isEmpty();
  }

  @Test
  void aDeviceNoDeploymentMatchesGetsNothing() {
    Composition c =
        Composer.compose(
            DEVICES,
            List.of(
                new Composer.Input(
                    deployment("web", Map.of("site", "east"), workload("web", "nginx:1")), 1, 1)));

    assertThat(c.workloadsOf("north-1")).isEmpty();
    assertThat(c.workloads()).isEmpty();
  }

  @Test
  void theOlderDeploymentKeepsAClashingWorkloadNameAndTheClashIsRecorded() {
    Composer.Input older =
        new Composer.Input(deployment("b-old", Map.of(), workload("web", "old:1")), 1, 10);
    Composer.Input newer =
        new Composer.Input(deployment("a-new", Map.of(), workload("web", "new:1")), 1, 20);

    Composition c = Composer.compose(Map.of("d1", Map.of()), List.of(newer, older));

    assertThat(c.workloadsOf("d1"))
        .containsExactly(new DesiredWorkload("b-old", 1, workload("web", "old:1")));
    Conflict conflict = new Conflict("d1", "web", "b-old", "a-new");
    assertThat(c.conflicts()).containsExactly(conflict);
    assertThat(c.conflictsOf("a-new")).containsExactly(conflict);
    assertThat(c.conflictsOf("b-old")).containsExactly(conflict);
  }

  @Test
  void composesTheSameWhateverTheInputOrder() {
    Composer.Input a = new Composer.Input(deployment("a", Map.of(), workload("x", "x:1")), 1, 1);
    Composer.Input b = new Composer.Input(deployment("b", Map.of(), workload("y", "y:1")), 1, 1);

    assertThat(Composer.compose(DEVICES, List.of(a, b)))
        .isEqualTo(Composer.compose(DEVICES, List.of(b, a)));
  }
}
