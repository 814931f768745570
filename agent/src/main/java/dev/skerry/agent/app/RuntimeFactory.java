package dev.skerry.agent.app;

import dev.skerry.agent.runtime.ContainerRuntime;
import dev.skerry.agent.runtime.ContainerdRuntime;
import dev.skerry.agent.runtime.RuntimeConfig;
import io.vertx.core.Vertx;

/** Makes the {@link ContainerRuntime}; tests pass one that returns a fake. */
@FunctionalInterface
public interface RuntimeFactory {
  ContainerRuntime create(Vertx vertx, RuntimeConfig config);

  /** The containerd adapter; it connects lazily, so a missing containerd does not stop start-up. */
  static RuntimeFactory containerd() {
    return ContainerdRuntime::new;
  }
}
