package dev.skerry.agent.runtime;

import dev.skerry.containerd.services.namespaces.v1.CreateNamespaceRequest;
import dev.skerry.containerd.services.namespaces.v1.Namespace;
import dev.skerry.containerd.services.namespaces.v1.NamespacesGrpc;
import io.vertx.grpc.common.GrpcStatus;

/** The containerd namespace the agent owns, created on first use (once per agent run). */
final class OwnNamespace {
  private final ContainerdClient client;
  private volatile boolean ready;

  OwnNamespace(ContainerdClient client) {
    this.client = client;
  }

  void ensure() {
    if (ready) {
      return;
    }
    ContainerdErrors.ignoring(
        GrpcStatus.ALREADY_EXISTS,
        () ->
            client.call(
                NamespacesGrpc.getCreateMethod(),
                CreateNamespaceRequest.newBuilder()
                    .setNamespace(Namespace.newBuilder().setName(client.namespace()))
                    .build()));
    ready = true;
  }
}
