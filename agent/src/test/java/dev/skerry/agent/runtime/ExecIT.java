package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.agent.health.ExecResult;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import dev.skerry.core.wire.WorkloadSpec;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exec probes through Tasks.Exec on the real containerd. */
class ExecIT {
  private Vertx vertx;
  private ContainerdRuntime runtime;
  private Path dataDir;
  private String id;

  @BeforeEach
  void setUp() {
    vertx = ItEnv.vertx();
    dataDir = ItEnv.tempDir();
    runtime =
        new ContainerdRuntime(
            vertx,
            ItEnv.config(
                ItEnv.uniqueNamespace("exec"), dataDir, new Platform("linux", "amd64", "")));
    ResolvedImage image =
        runtime.ensureImage(ItEnv.get("SKERRY_IT_IMAGE"), ContainerRuntime.PullProgress.NONE);
    WorkloadSpec workload =
        new WorkloadSpec(
            "probed",
            image.reference(),
            List.of("sh", "-c", "touch /tmp/ok; exec sleep 3600"),
            null,
            Map.of("PROBE_GREETING", "from-the-container-env"),
            "always",
            null,
            null,
            null,
            "host");
    id = ContainerIds.of("probed", 1);
    runtime.createAndStart(new ContainerSpec(id, "demo", 1, "hash", workload, image));
  }

  @AfterEach
  void tearDown() {
    try {
      runtime.remove(id);
      ItEnv.dropNamespace(runtime.client());
    } finally {
      runtime.close();
      vertx.close();
    }
  }

  private ExecResult exec(Duration timeout, String... argv) throws Exception {
    return runtime.exec(id, List.of(argv), timeout).get(30, TimeUnit.SECONDS);
  }

  @Test
  void passingCommandExitsZeroAndSeesTheContainersEnvironment() throws Exception {
    ExecResult ok =
        exec(Duration.ofSeconds(5), "sh", "-c", "test -f /tmp/ok && echo $PROBE_GREETING");
    assertThat(ok.exitCode()).isZero();
    assertThat(ok.outputSnippet()).contains("from-the-container-env");
  }

  @Test
  void failingCommandReportsItsExitCodeAndOutput() throws Exception {
    ExecResult failed = exec(Duration.ofSeconds(5), "sh", "-c", "echo nope; exit 3");
    assertThat(failed.exitCode()).isEqualTo(3);
    assertThat(failed.outputSnippet()).contains("nope");
    assertThat(exec(Duration.ofSeconds(5), "test", "-f", "/tmp/missing").exitCode()).isEqualTo(1);
  }

  @Test
  void commandThatOutlivesTheTimeoutIsKilled() throws Exception {
    long started = System.nanoTime();
    assertThatThrownBy(() -> exec(Duration.ofSeconds(1), "sleep", "30"))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    // The killed exec is gone (anchored so neither this shell nor grep matches itself).
    ExecResult ps =
        exec(Duration.ofSeconds(5), "sh", "-c", "ps -o args | grep -c '^sleep 30$' || true");
    assertThat(ps.outputSnippet().strip()).isEqualTo("0");
    try (var files = Files.list(dataDir.resolve("exec"))) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void missingBinaryCannotRun() {
    assertThatThrownBy(() -> exec(Duration.ofSeconds(5), "/no/such/binary"))
        .isInstanceOf(ExecutionException.class);
  }
}
