package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skerry.agent.runtime.ResolvedImage.ImageConfig;
import dev.skerry.core.wire.WorkloadSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecBuilderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ImageConfig IMAGE =
      new ImageConfig(
          List.of("/entry"),
          List.of("--cmd"),
          List.of("PATH=/img/bin", "LANG=C"),
          "/work",
          "",
          Map.of());

  private static WorkloadSpec workload(
      List<String> command,
      List<String> args,
      Map<String, String> env,
      WorkloadSpec.Resources resources,
      List<WorkloadSpec.Mount> mounts,
      String network) {
    return new WorkloadSpec(
        "web", "img", command, args, env, null, resources, mounts, null, network);
  }

  private static JsonNode spec(WorkloadSpec w, ImageConfig image, List<Path> allowed)
      throws Exception {
    ResolvedImage resolved = new ResolvedImage("img", "sha256:x", "sha256:chain", image, 1);
    ContainerSpec spec = new ContainerSpec("web.r2", "d", 2, "h", w, resolved);
    return JSON.readTree(SpecBuilder.json(spec, "skerry", allowed, HostSources.NONE));
  }

  private static JsonNode spec(WorkloadSpec w) throws Exception {
    return spec(w, IMAGE, List.of());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void imageEntrypointAndCmdRunWhenTheWorkloadSaysNothing() throws Exception {
    JsonNode s = spec(workload(null, null, null, null, null, null));

    assertThat(texts(s.at("/process/args"))).containsExactly("/entry", "--cmd");
    assertThat(s.at("/process/cwd").asText()).isEqualTo("/work");
  }

  @Test
  void argsReplaceTheImageCmdButKeepItsEntrypoint() throws Exception {
    JsonNode s = spec(workload(null, List.of("--port", "80"), null, null, null, null));

    assertThat(texts(s.at("/process/args"))).containsExactly("/entry", "--port", "80");
  }

  @Test
  void commandReplacesEntrypointAndDropsTheImageCmd() throws Exception {
    assertThat(
            texts(
                spec(workload(List.of("/bin/app"), null, null, null, null, null))
                    .at("/process/args")))
        .containsExactly("/bin/app");
    assertThat(
            texts(
                spec(workload(List.of("/bin/app"), List.of("-v"), null, null, null, null))
                    .at("/process/args")))
        .containsExactly("/bin/app", "-v");
  }

  @Test
  void noCommandAnywhereIsANotRetryableFailure() {
    ImageConfig empty = new ImageConfig(List.of(), List.of(), List.of(), "", "", Map.of());

    assertThatThrownBy(() -> spec(workload(null, null, null, null, null, null), empty, List.of()))
        .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.retryable()).isFalse());
  }

  @Test
  void workloadEnvOverridesImageEnvByNameAndPathIsDefaulted() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("LANG", "C.UTF-8");
    env.put("NEW", "1");

    assertThat(texts(spec(workload(null, null, env, null, null, null)).at("/process/env")))
        .containsExactly("PATH=/img/bin", "LANG=C.UTF-8", "NEW=1");
    assertThat(SpecBuilder.env(List.of("A=1"), null)).containsExactly(SpecBuilder.PATH_ENV, "A=1");
  }

  @Test
  void numericImageUserBecomesUidAndGid() throws Exception {
    ImageConfig withUser =
        new ImageConfig(List.of("/e"), List.of(), List.of(), "", "1000:2000", Map.of());
    JsonNode s = spec(workload(null, null, null, null, null, null), withUser, List.of());

    assertThat(s.at("/process/user/uid").asLong()).isEqualTo(1000);
    assertThat(s.at("/process/user/gid").asLong()).isEqualTo(2000);
    assertThat(s.at("/process/cwd").asText()).isEqualTo("/");
    assertThat(SpecBuilder.user("33", "w")).containsEntry("uid", 33L).containsEntry("gid", 0L);
  }

  @Test
  void namedImageUserIsRefusedUntilPasswdLookupExists() {
    assertThatThrownBy(() -> SpecBuilder.user("nobody", "w"))
        .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.retryable()).isFalse());
  }

  @Test
  void containerdDefaultsArePresent() throws Exception {
    JsonNode s = spec(workload(null, null, null, null, null, "none"));

    assertThat(s.at("/process/noNewPrivileges").asBoolean()).isTrue();
    assertThat(texts(s.at("/process/capabilities/bounding")))
        .containsExactlyElementsOf(SpecBuilder.CAPABILITIES)
        .hasSize(14)
        .doesNotContain("CAP_SYS_ADMIN");
    assertThat(s.at("/process/rlimits/0/type").asText()).isEqualTo("RLIMIT_NOFILE");
    assertThat(s.at("/process/rlimits/0/hard").asLong()).isEqualTo(1024);
    assertThat(s.at("/root/path").asText()).isEqualTo("rootfs");
    List<String> destinations = new ArrayList<>();
    s.at("/mounts").forEach(m -> destinations.add(m.get("destination").asText()));
    assertThat(destinations)
        .containsExactly("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/run");
    assertThat(texts(s.at("/mounts/5/options"))).contains("ro");
    assertThat(texts(s.at("/linux/maskedPaths")))
        .contains("/proc/kcore", "/sys/firmware")
        .hasSize(10);
    assertThat(texts(s.at("/linux/readonlyPaths"))).contains("/proc/sys", "/proc/sysrq-trigger");
    assertThat(s.at("/linux/cgroupsPath").asText()).isEqualTo("/skerry/web.r2");
    JsonNode devices = s.at("/linux/resources/devices");
    assertThat(devices.get(0).get("allow").asBoolean()).isFalse();
    assertThat(devices.get(0).get("access").asText()).isEqualTo("rwm");
    assertThat(devices).hasSize(10);
  }

  @Test
  void networkNoneKeepsItsOwnNetworkNamespace() throws Exception {
    JsonNode s = spec(workload(null, null, null, null, null, "none"));
    List<String> types = new ArrayList<>();
    s.at("/linux/namespaces").forEach(n -> types.add(n.get("type").asText()));

    assertThat(types).containsExactly("pid", "ipc", "uts", "mount", "network");
  }

  @Test
  void hostNetworkSharesTheHostNamespaceAndItsResolverFiles() throws Exception {
    for (String network : new String[] {"host", null}) {
      JsonNode s = spec(workload(null, null, null, null, null, network));
      List<String> types = new ArrayList<>();
      s.at("/linux/namespaces").forEach(n -> types.add(n.get("type").asText()));
      assertThat(types).doesNotContain("network");
      List<JsonNode> binds = new ArrayList<>();
      s.at("/mounts")
          .forEach(
              m -> {
                if (m.get("type").asText().equals("bind")) {
                  binds.add(m);
                }
              });
      assertThat(binds)
          .extracting(m -> m.get("destination").asText())
          .containsExactly("/etc/resolv.conf", "/etc/hosts");
      assertThat(binds).allSatisfy(m -> assertThat(texts(m.get("options"))).contains("ro"));
    }
  }

  @Test
  void limitsAreJsonIntegers() throws Exception {
    JsonNode s = spec(workload(null, null, null, new WorkloadSpec.Resources(64, 0.5), null, null));

    JsonNode memory = s.at("/linux/resources/memory/limit");
    assertThat(memory.isIntegralNumber()).isTrue();
    assertThat(memory.asLong()).isEqualTo(64L * 1024 * 1024);
    assertThat(s.at("/linux/resources/cpu/quota").isIntegralNumber()).isTrue();
    assertThat(s.at("/linux/resources/cpu/quota").asLong()).isEqualTo(50_000);
    assertThat(s.at("/linux/resources/cpu/period").asLong()).isEqualTo(100_000);
    assertThat(s.at("/linux/resources/cpu/shares").asLong()).isEqualTo(512);
    assertThat(
            spec(workload(null, null, null, null, null, null))
                .at("/linux/resources/memory")
                .isMissingNode())
        .isTrue();
  }

  @Test
  void bindMountsUnderAnAllowedPathAreAdded() throws Exception {
    WorkloadSpec w =
        workload(
            null,
            null,
            null,
            null,
            List.of(
                new WorkloadSpec.Mount("/var/lib/app/data", "/data", null),
                new WorkloadSpec.Mount("/var/lib/app/conf", "/conf", true)),
            "none");

    JsonNode s = spec(w, IMAGE, List.of(Path.of("/var/lib/app")));

    JsonNode data = s.at("/mounts/7");
    assertThat(data.get("destination").asText()).isEqualTo("/data");
    assertThat(data.get("source").asText()).isEqualTo("/var/lib/app/data");
    assertThat(texts(data.get("options"))).containsExactly("rbind", "rw");
    assertThat(texts(s.at("/mounts/8/options"))).containsExactly("rbind", "ro");
  }

  @Test
  void bindMountsOutsideTheAllowedPathsAreRefused() {
    List<Path> allowed = List.of(Path.of("/var/lib/app"));
    for (String host :
        new String[] {
          "/etc", "/var/lib/application", "/var/lib/app/../../../etc", "relative/path"
        }) {
      WorkloadSpec w =
          workload(
              null, null, null, null, List.of(new WorkloadSpec.Mount(host, "/x", true)), "none");
      assertThatThrownBy(() -> spec(w, IMAGE, allowed))
          .as(host)
          .isInstanceOfSatisfying(
              RuntimeFailure.class,
              f -> {
                assertThat(f.reason()).isEqualTo("MountNotAllowed");
                assertThat(f.retryable()).isFalse();
              });
    }
  }
}
