package dev.skerry.hub.cli;

import static dev.skerry.hub.cli.Fixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.hub.api.DeploymentView;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentTableTest {

  @Test
  void showsRevisionSelectorWorkloadCountAndRolloutProgress() {
    String text =
        DeploymentTable.of(List.of(deployment(Fixtures.WEB), deployment(Fixtures.DB)), false)
            .render();

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
    String text = DeploymentTable.of(List.of(deployment(Fixtures.WEB)), true).render();

    assertThat(text.lines().skip(1).findFirst().orElseThrow())
        .endsWith("progressing 3/10   reg:5000/web:1.2   waves");
  }

  @Test
  void showsMatchExpressionsAfterMatchLabels() {
    DeploymentView d =
        deployment(
            """
            {"name":"x","revision":1,"selector":{"matchLabels":{"site":"berlin"},
             "matchExpressions":[{"key":"tier","operator":"In","values":["edge","core"]},
                                 {"key":"gpu","operator":"Exists"},
                                 {"key":"test","operator":"DoesNotExist"}]}}""");

    assertThat(DeploymentTable.selector(d)).isEqualTo("site=berlin,tier in (edge,core),gpu,!test");
  }
}
