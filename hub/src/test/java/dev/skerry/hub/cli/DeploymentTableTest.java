package dev.skerry.hub.cli;

import static dev.skerry.hub.cli.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentTableTest {

  @Test
  void showsRevisionSelectorWorkloadCountAndRolloutProgress() {
    String text =
        DeploymentTable.of(List.of(json(Fixtures.WEB), json(Fixtures.DB)), false).render();

    assertThat(text)
        .isEqualTo(
            """
            NAME   REVISION   SELECTOR      WORKLOADS   ROLLOUT
            web    3          site=berlin   1           progressing 3/10
            db     1          <all>         1           -
            """);
  }

  @Test
  void wideAddsImagesAndStrategyType() {
    String text = DeploymentTable.of(List.of(json(Fixtures.WEB)), true).render();

    assertThat(text.lines().skip(1).findFirst().orElseThrow())
        .endsWith("progressing 3/10   reg:5000/web:1.2   waves");
  }

  @Test
  void showsARolloutStateWithoutCountsAsIs() {
    assertThat(DeploymentTable.rollout(json("{\"state\":\"paused\"}"))).isEqualTo("paused");
  }
}
