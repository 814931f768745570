package dev.skerry.agent.runtime;

import dev.skerry.containerd.services.containers.v1.Container;
import dev.skerry.containerd.services.containers.v1.ContainersGrpc;
import dev.skerry.containerd.services.containers.v1.ListContainersRequest;
import dev.skerry.containerd.services.images.v1.DeleteImageRequest;
import dev.skerry.containerd.services.images.v1.Image;
import dev.skerry.containerd.services.images.v1.ImagesGrpc;
import dev.skerry.containerd.services.images.v1.ListImagesRequest;
import dev.skerry.core.spec.ImageReference;
import io.vertx.grpc.common.GrpcStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Image garbage collection: when containerd's file system is fuller than the threshold, deletes the
 * image records that no kept reference and no container (running or not) names, oldest first, until
 * it is below the threshold again. {@code Images.Delete} with {@code sync} makes containerd run its
 * GC at once: content and snapshots that nothing else references (no other image, lease or
 * container snapshot) go with the record. Runs on the caller's worker thread.
 */
final class ImageCollector {
  private static final Logger LOG = Logger.getLogger(ImageCollector.class.getName());
  private final ContainerdClient client;
  private final ImageStorage storage;

  ImageCollector(ContainerdClient client, ImageStorage storage) {
    this.client = client;
    this.storage = storage;
  }

  /** Returns the names of the images deleted (none while the disk is below the threshold). */
  List<String> collect(Set<String> keepReferences) {
    if (!overThreshold()) {
      return List.of();
    }
    Set<String> keep = canonical(keepReferences);
    for (Container c :
        client
            .call(ContainersGrpc.getListMethod(), ListContainersRequest.getDefaultInstance())
            .getContainersList()) {
      keep.addAll(canonical(Set.of(c.getImage())));
      keep.add(c.getImage());
    }
    List<Image> candidates = new ArrayList<>();
    for (Image image :
        client
            .call(ImagesGrpc.getListMethod(), ListImagesRequest.getDefaultInstance())
            .getImagesList()) {
      if (!keep.contains(image.getName())) {
        candidates.add(image);
      }
    }
    candidates.sort(
        Comparator.comparingLong((Image i) -> i.getUpdatedAt().getSeconds())
            .thenComparingInt(i -> i.getUpdatedAt().getNanos()));
    List<String> deleted = new ArrayList<>();
    for (Image image : candidates) {
      delete(image.getName());
      deleted.add(image.getName());
      LOG.info(() -> "image GC: deleted " + image.getName() + " (no desired workload uses it)");
      if (!overThreshold()) {
        break;
      }
    }
    return deleted;
  }

  private boolean overThreshold() {
    OptionalInt used = DiskSpace.usedPercent(storage.containerdRoot());
    return used.isPresent() && used.getAsInt() > storage.gcThresholdPercent();
  }

  private void delete(String name) {
    try {
      client.call(
          ImagesGrpc.getDeleteMethod(),
          DeleteImageRequest.newBuilder().setName(name).setSync(true).build());
    } catch (ContainerdException e) {
      if (!e.is(GrpcStatus.NOT_FOUND)) {
        throw e;
      }
    }
  }

  private static Set<String> canonical(Set<String> references) {
    Set<String> out = new HashSet<>();
    for (String r : references) {
      if (r == null || r.isEmpty()) {
        continue;
      }
      try {
        out.add(ImageReference.parse(r).canonical());
      } catch (ImageReference.InvalidImageReference e) {
        out.add(r);
      }
    }
    return out;
  }
}
