package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.skerry.agent.registry.RegistryAccess;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pulls from a registry with TLS from a private CA and htpasswd logins. */
class RegistryAuthIT {
  private static final Platform AMD64 = new Platform("linux", "amd64", "");
  private static SecureRegistry registry;
  private final List<ContainerdRuntime> runtimes = new ArrayList<>();
  private final List<String> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          logged.add(String.valueOf(r.getMessage()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private Vertx vertx;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = SecureRegistry.start();
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void setUp() {
    vertx = ItEnv.vertx();
    Logger.getLogger("dev.skerry").addHandler(capture);
  }

  @AfterEach
  void tearDown() {
    Logger.getLogger("dev.skerry").removeHandler(capture);
    for (ContainerdRuntime r : runtimes) {
      ItEnv.dropNamespace(r.client());
      r.close();
    }
    vertx.close();
  }

  private ContainerdRuntime runtime(Map<String, RegistryAccess> access, Path globalCa) {
    ContainerdRuntime r =
        new ContainerdRuntime(
            vertx,
            new RuntimeConfig(
                Path.of(ItEnv.get("SKERRY_IT_CONTAINERD_SOCKET")),
                ItEnv.uniqueNamespace("auth"),
                ItEnv.tempDir(),
                Set.of(),
                AMD64,
                List.of(),
                access,
                globalCa,
                ImageStorage.defaults()));
    runtimes.add(r);
    return r;
  }

  private RuntimeFailure pullFails(ContainerdRuntime runtime) {
    return catchThrowableOfType(
        RuntimeFailure.class,
        () -> runtime.ensureImage(registry.image(), ContainerRuntime.PullProgress.NONE));
  }

  @Test
  void pullsWithTheRightPasswordFileOverTlsFromTheRegistrysOwnCa() throws Exception {
    ContainerdRuntime runtime =
        runtime(
            Map.of(
                registry.address(),
                new RegistryAccess(
                    SecureRegistry.USER,
                    null,
                    registry.passwordFile(SecureRegistry.PASSWORD),
                    registry.caFile())),
            null);

    ResolvedImage pulled =
        runtime.ensureImage(registry.image(), ContainerRuntime.PullProgress.NONE);

    assertThat(pulled.digest()).isEqualTo(ItEnv.get("SKERRY_IT_AMD64_MANIFEST_DIGEST"));
    assertThat(runtime.findImage(registry.image())).isEqualTo(pulled);
  }

  @Test
  void pullsWithAnInlinePasswordAndTheGlobalRegistryCa() {
    ContainerdRuntime runtime =
        runtime(
            Map.of(
                registry.address(),
                new RegistryAccess(SecureRegistry.USER, SecureRegistry.PASSWORD, null, null)),
            registry.caFile());

    ResolvedImage pulled =
        runtime.ensureImage(registry.image(), ContainerRuntime.PullProgress.NONE);

    assertThat(pulled.digest()).isEqualTo(ItEnv.get("SKERRY_IT_AMD64_MANIFEST_DIGEST"));
  }

  @Test
  void wrongPasswordIsUnauthorizedNamingTheRegistryAndUserButNotThePassword() {
    String wrong = "not-the-Pa55word";
    ContainerdRuntime runtime =
        runtime(
            Map.of(
                registry.address(),
                new RegistryAccess(SecureRegistry.USER, wrong, null, registry.caFile())),
            null);

    RuntimeFailure failure = pullFails(runtime);

    assertThat(failure.reason()).isEqualTo("Unauthorized");
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage())
        .contains("registry " + registry.address())
        .contains("user '" + SecureRegistry.USER + "'")
        .doesNotContain(wrong);
    assertThat(logged).noneMatch(line -> line.contains(wrong));
    assertThat(runtime.config().toString()).doesNotContain(wrong);
  }

  @Test
  void noLoginIsUnauthorizedSayingNoneIsConfigured() {
    ContainerdRuntime runtime = runtime(Map.of(), registry.caFile());

    RuntimeFailure failure = pullFails(runtime);

    assertThat(failure.reason()).isEqualTo("Unauthorized");
    assertThat(failure.getMessage())
        .contains("registry " + registry.address())
        .contains("none is configured");
  }

  @Test
  void registryFromAnUnknownCaIsAClearTlsFailure() {
    ContainerdRuntime runtime =
        runtime(
            Map.of(
                registry.address(),
                new RegistryAccess(SecureRegistry.USER, SecureRegistry.PASSWORD, null, null)),
            null);

    RuntimeFailure failure = pullFails(runtime);

    assertThat(failure.reason()).isEqualTo("RegistryTlsFailed");
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage())
        .contains("TLS with registry " + registry.address())
        .contains("ca-file or registry-ca")
        .doesNotContain(SecureRegistry.PASSWORD);
  }

  @Test
  void bearerTokenIsAskedWithTheLoginAndThenUsed() {
    String upstream = ItEnv.get("SKERRY_IT_REGISTRY");
    try (TokenAuthProxy proxy =
        TokenAuthProxy.start(vertx, upstream, SecureRegistry.USER, SecureRegistry.PASSWORD)) {
      ContainerdRuntime runtime =
          new ContainerdRuntime(
              vertx,
              new RuntimeConfig(
                  Path.of(ItEnv.get("SKERRY_IT_CONTAINERD_SOCKET")),
                  ItEnv.uniqueNamespace("token"),
                  ItEnv.tempDir(),
                  Set.of(proxy.address()),
                  AMD64,
                  List.of(),
                  Map.of(
                      proxy.address(),
                      new RegistryAccess(SecureRegistry.USER, SecureRegistry.PASSWORD, null, null)),
                  null,
                  ImageStorage.defaults()));
      runtimes.add(runtime);

      ResolvedImage pulled =
          runtime.ensureImage(
              proxy.address() + "/skerry/busybox:1", ContainerRuntime.PullProgress.NONE);

      assertThat(pulled.digest()).isEqualTo(ItEnv.get("SKERRY_IT_AMD64_MANIFEST_DIGEST"));
      // One token for the repository, then reused for manifests and blobs.
      assertThat(proxy.tokenScopes()).containsExactly("repository:skerry/busybox:pull");
    }
  }

  @Test
  void bearerTokenRefusedForAWrongLoginIsUnauthorized() {
    String upstream = ItEnv.get("SKERRY_IT_REGISTRY");
    try (TokenAuthProxy proxy =
        TokenAuthProxy.start(vertx, upstream, SecureRegistry.USER, SecureRegistry.PASSWORD)) {
      ContainerdRuntime runtime =
          new ContainerdRuntime(
              vertx,
              new RuntimeConfig(
                  Path.of(ItEnv.get("SKERRY_IT_CONTAINERD_SOCKET")),
                  ItEnv.uniqueNamespace("token"),
                  ItEnv.tempDir(),
                  Set.of(proxy.address()),
                  AMD64,
                  List.of(),
                  Map.of(
                      proxy.address(),
                      new RegistryAccess(SecureRegistry.USER, "wrong-Pa55", null, null)),
                  null,
                  ImageStorage.defaults()));
      runtimes.add(runtime);

      RuntimeFailure failure =
          catchThrowableOfType(
              RuntimeFailure.class,
              () ->
                  runtime.ensureImage(
                      proxy.address() + "/skerry/busybox:1", ContainerRuntime.PullProgress.NONE));

      assertThat(failure.reason()).isEqualTo("Unauthorized");
      assertThat(failure.getMessage())
          .contains("token endpoint answered HTTP 401")
          .doesNotContain("wrong-Pa55");
    }
  }
}
