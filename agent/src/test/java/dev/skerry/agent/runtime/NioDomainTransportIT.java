package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxBuilder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The armhf fallback proven on amd64: a Vert.x without Netty's epoll transport reaches real
 * containerd over its unix socket through the JDK's own domain socket channels.
 */
class NioDomainTransportIT {
  @TempDir Path dir;

  @Test
  void reachesContainerdWithoutEpoll() throws Exception {
    Vertx vertx =
        new VertxBuilder(new VertxOptions().setEventLoopPoolSize(1))
            .findTransport(new NioDomainTransport())
            .init()
            .vertx();
    String namespace = ItEnv.uniqueNamespace("nio");
    ContainerdRuntime runtime =
        new ContainerdRuntime(
            vertx, ItEnv.config(namespace, dir, RuntimeConfig.Platform.current()));
    try {
      assertThat(((io.vertx.core.impl.VertxInternal) vertx).transport())
          .as("not Netty's epoll")
          .isInstanceOf(NioDomainTransport.class);
      assertThat(io.netty.channel.epoll.Epoll.isAvailable())
          .as("epoll is there, but unused")
          .isTrue();
      ResolvedImage image = runtime.ensureImage(ItEnv.get("SKERRY_IT_IMAGE"), (d, t) -> {});
      assertThat(image).isNotNull();
      assertThat(runtime.list()).isEmpty();
    } finally {
      ItEnv.dropNamespace(runtime);
      runtime.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
