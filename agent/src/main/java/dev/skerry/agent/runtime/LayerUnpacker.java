package dev.skerry.agent.runtime;

import dev.skerry.agent.runtime.OciImages.Descriptor;
import dev.skerry.containerd.services.diff.v1.ApplyRequest;
import dev.skerry.containerd.services.diff.v1.ApplyResponse;
import dev.skerry.containerd.services.diff.v1.DiffGrpc;
import dev.skerry.containerd.services.snapshots.v1.CommitSnapshotRequest;
import dev.skerry.containerd.services.snapshots.v1.PrepareSnapshotRequest;
import dev.skerry.containerd.services.snapshots.v1.RemoveSnapshotRequest;
import dev.skerry.containerd.services.snapshots.v1.SnapshotsGrpc;
import dev.skerry.containerd.services.snapshots.v1.StatSnapshotRequest;
import dev.skerry.containerd.types.Mount;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Layers unpacked into the snapshotter, as containerd's own unpacker does: one committed snapshot
 * per chain id, each layer applied by containerd's diff service onto a prepared snapshot of its
 * parent, the result checked against the config's diff id. A layer already unpacked (by an earlier
 * pull of any image sharing it) is skipped.
 */
final class LayerUnpacker {
  private static final Logger LOG = Logger.getLogger(LayerUnpacker.class.getName());
  private static final Duration APPLY_TIMEOUT = Duration.ofMinutes(15);
  private static final String SNAPSHOTTER = ImagePuller.SNAPSHOTTER;

  private final ContainerdClient client;

  LayerUnpacker(ContainerdClient client) {
    this.client = client;
  }

  /** Unpacks layers missing from the snapshotter; returns the top chain id. */
  String unpack(List<Descriptor> layers, List<String> diffIds, String lease) {
    List<String> chains = OciImages.chainIds(diffIds);
    String parent = "";
    for (int i = 0; i < layers.size(); i++) {
      String chain = chains.get(i);
      if (!snapshotExists(chain)) {
        applyLayer(layers.get(i), diffIds.get(i), chain, parent, lease);
      }
      parent = chain;
    }
    return parent;
  }

  private boolean snapshotExists(String key) {
    try {
      client.call(
          SnapshotsGrpc.getStatMethod(),
          StatSnapshotRequest.newBuilder().setSnapshotter(SNAPSHOTTER).setKey(key).build());
      return true;
    } catch (ContainerdException e) {
      if (e.is(GrpcStatus.NOT_FOUND)) {
        return false;
      }
      throw e;
    }
  }

  private void applyLayer(
      Descriptor layer, String diffId, String chain, String parent, String lease) {
    String key = "extract-" + System.nanoTime() + " " + chain;
    List<Mount> mounts =
        client
            .call(
                SnapshotsGrpc.getPrepareMethod(),
                PrepareSnapshotRequest.newBuilder()
                    .setSnapshotter(SNAPSHOTTER)
                    .setKey(key)
                    .setParent(parent)
                    .build(),
                lease)
            .getMountsList();
    boolean committed = false;
    try {
      ApplyResponse applied =
          client.call(
              DiffGrpc.getApplyMethod(),
              ApplyRequest.newBuilder()
                  .setDiff(
                      dev.skerry.containerd.types.Descriptor.newBuilder()
                          .setMediaType(layer.mediaType())
                          .setDigest(layer.digest())
                          .setSize(layer.size()))
                  .addAllMounts(new ArrayList<>(mounts))
                  .build(),
              lease,
              APPLY_TIMEOUT);
      if (!applied.getApplied().getDigest().equals(diffId)) {
        throw new PermanentFailure(
            "DigestMismatch",
            "layer "
                + layer.digest()
                + " unpacks to "
                + applied.getApplied().getDigest()
                + ", config says "
                + diffId);
      }
      try {
        client.call(
            SnapshotsGrpc.getCommitMethod(),
            CommitSnapshotRequest.newBuilder()
                .setSnapshotter(SNAPSHOTTER)
                .setName(chain)
                .setKey(key)
                .build(),
            lease);
        committed = true;
      } catch (ContainerdException e) {
        if (!e.is(GrpcStatus.ALREADY_EXISTS)) {
          throw e;
        }
      }
    } finally {
      if (!committed) {
        removeQuietly(key);
      }
    }
  }

  private void removeQuietly(String key) {
    try {
      client.call(
          SnapshotsGrpc.getRemoveMethod(),
          RemoveSnapshotRequest.newBuilder().setSnapshotter(SNAPSHOTTER).setKey(key).build());
    } catch (RuntimeFailure | ContainerdException e) {
      LOG.warning("could not remove snapshot " + key + ": " + e.getMessage());
    }
  }
}
