package dev.skerry.agent.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import dev.skerry.containerd.services.images.v1.DeleteImageRequest;
import dev.skerry.containerd.services.images.v1.ImagesGrpc;
import dev.skerry.containerd.services.images.v1.ListImagesRequest;
import dev.skerry.containerd.services.namespaces.v1.DeleteNamespaceRequest;
import dev.skerry.containerd.services.namespaces.v1.NamespacesGrpc;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The real containerd and registry of dev/testenv.sh, read from SKERRY_IT_* variables. */
public final class ItEnv {
  private ItEnv() {}

  public static String get(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      fail(
          name
              + " is not set: integration tests need the real containerd and registry."
              + " Run dev/test.sh (or `dev/testenv.sh start` and source its env file).");
    }
    return value;
  }

  public static Vertx vertx() {
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    if (!vertx.isNativeTransportEnabled()) {
      fail("Netty epoll is not available: " + vertx.unavailableNativeTransportCause());
    }
    return vertx;
  }

  public static String uniqueNamespace(String prefix) {
    return "skerry-it-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static RuntimeConfig config(
      String namespace, Path dataDir, RuntimeConfig.Platform platform) {
    return config(namespace, dataDir, platform, List.of());
  }

  public static RuntimeConfig config(
      String namespace, Path dataDir, RuntimeConfig.Platform platform, List<Path> allowed) {
    return new RuntimeConfig(
        Path.of(get("SKERRY_IT_CONTAINERD_SOCKET")),
        namespace,
        dataDir,
        Set.of(get("SKERRY_IT_REGISTRY")),
        platform,
        allowed);
  }

  public static Path tempDir() {
    try {
      return Files.createTempDirectory("skerry-runtime-it");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** As {@link #dropNamespace(ContainerdClient)}, for tests outside this package. */
  public static void dropNamespace(ContainerdRuntime runtime) {
    dropNamespace(runtime.client());
  }

  /** Removes the namespace's images and the namespace itself (best effort). */
  static void dropNamespace(ContainerdClient client) {
    try {
      for (var image :
          client
              .call(ImagesGrpc.getListMethod(), ListImagesRequest.getDefaultInstance())
              .getImagesList()) {
        client.call(
            ImagesGrpc.getDeleteMethod(),
            DeleteImageRequest.newBuilder().setName(image.getName()).setSync(true).build());
      }
      client.call(
          NamespacesGrpc.getDeleteMethod(),
          DeleteNamespaceRequest.newBuilder().setName(client.namespace()).build());
    } catch (RuntimeFailure | ContainerdException e) {
      System.getLogger(ItEnv.class.getName())
          .log(System.Logger.Level.WARNING, "namespace clean-up: " + e.getMessage());
    }
  }
}
