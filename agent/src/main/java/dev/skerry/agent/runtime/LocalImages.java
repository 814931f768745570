package dev.skerry.agent.runtime;

import dev.skerry.agent.runtime.OciImages.Config;
import dev.skerry.agent.runtime.OciImages.Descriptor;
import dev.skerry.agent.runtime.OciImages.Manifest;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import dev.skerry.containerd.services.images.v1.GetImageRequest;
import dev.skerry.containerd.services.images.v1.Image;
import dev.skerry.containerd.services.images.v1.ImagesGrpc;
import dev.skerry.containerd.services.snapshots.v1.SnapshotsGrpc;
import dev.skerry.containerd.services.snapshots.v1.StatSnapshotRequest;
import dev.skerry.core.spec.ImageReference;
import io.vertx.grpc.common.GrpcStatus;
import java.util.List;

/**
 * Images already in containerd: read back from the image record and the content store only, so this
 * works with no network at all.
 */
final class LocalImages {
  private final ContainerdClient client;
  private final ContentStore content;
  private final Platform platform;

  LocalImages(ContainerdClient client, Platform platform) {
    this.client = client;
    this.content = new ContentStore(client);
    this.platform = platform;
  }

  /** The image if it is complete (content present and unpacked), else null. */
  ResolvedImage find(String reference, ImageReference ref) {
    try {
      Image image =
          client
              .call(
                  ImagesGrpc.getGetMethod(),
                  GetImageRequest.newBuilder().setName(ref.canonical()).build())
              .getImage();
      String digest = image.getTarget().getDigest();
      byte[] top = content.read(digest);
      String type = OciImages.mediaTypeOf(top, image.getTarget().getMediaType());
      byte[] manifestBytes = top;
      long size = top.length;
      if (OciImages.isIndex(type)) {
        Descriptor chosen = OciImages.choosePlatform(OciImages.parseIndex(top), platform);
        if (chosen == null) {
          return null;
        }
        digest = chosen.digest();
        manifestBytes = content.read(digest);
      }
      size = manifestBytes.length;
      Manifest manifest = OciImages.parseManifest(manifestBytes);
      byte[] configBytes = content.read(manifest.config().digest());
      Config config = OciImages.parseConfig(configBytes);
      size += configBytes.length;
      for (Descriptor layer : manifest.layers()) {
        size += layer.size();
      }
      List<String> chains = OciImages.chainIds(config.diffIds());
      if (chains.isEmpty()) {
        return null;
      }
      String topChain = chains.get(chains.size() - 1);
      client.call(
          SnapshotsGrpc.getStatMethod(),
          StatSnapshotRequest.newBuilder()
              .setSnapshotter(ImagePuller.SNAPSHOTTER)
              .setKey(topChain)
              .build());
      return new ResolvedImage(reference, digest, topChain, config.image(), size);
    } catch (ContainerdException e) {
      if (e.is(GrpcStatus.NOT_FOUND)) {
        return null;
      }
      throw e;
    }
  }
}
