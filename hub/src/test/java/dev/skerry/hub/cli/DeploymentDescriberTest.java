package dev.skerry.hub.cli;

import static dev.skerry.hub.cli.Fixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeploymentDescriberTest {

  @Test
  void showsSelectorStrategyRolloutWorkloadsAndConflicts() {
    assertThat(DeploymentDescriber.describe(deployment(Fixtures.WEB)))
        .isEqualTo(
            """
            Name:      web
            Revision:  3
            Selector:  site=berlin
            Strategy:  type=waves, maxUnavailable=1
            Rollout:
              State:           progressing
              Targeted:        10
              Updated:         3
              Healthy:         3
              Failed:          0
              Revision:        3
              StableRevision:  2
              Type:            waves
              Wave:            2
              Waves:           10, 50, 100
              Pending:         0
              StartedAt:       2026-11-27T10:00:00Z
              UpdatedAt:       2026-11-27T10:00:41Z
            Workloads:
              web:
                Image:           reg:5000/web:1.2
                Command:         /bin/web
                Args:            --port 8080
                Env:             MODE=prod
                Restart policy:  always
                Health check:    httpGet.port=8080, httpGet.path=/healthz, periodSeconds=5
            Conflicts:
              - deviceId=pi-07, workload=web, kept=legacy, dropped=web
            """);
  }

  @Test
  void marksAMissingStrategyAndRolloutAndAnEmptySelector() {
    assertThat(DeploymentDescriber.describe(deployment(Fixtures.DB)))
        .isEqualTo(
            """
            Name:      db
            Revision:  1
            Selector:  <all>
            Strategy:  <none>
            Rollout:   <none>
            Workloads:
              db:
                Image:  reg:5000/db:3
            """);
  }
}
