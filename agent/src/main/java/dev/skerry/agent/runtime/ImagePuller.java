package dev.skerry.agent.runtime;

import dev.skerry.agent.registry.BlobReader;
import dev.skerry.agent.registry.RegistryClient;
import dev.skerry.agent.runtime.OciImages.Config;
import dev.skerry.agent.runtime.OciImages.Descriptor;
import dev.skerry.agent.runtime.OciImages.Manifest;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import dev.skerry.containerd.services.images.v1.CreateImageRequest;
import dev.skerry.containerd.services.images.v1.Image;
import dev.skerry.containerd.services.images.v1.ImagesGrpc;
import dev.skerry.containerd.services.images.v1.UpdateImageRequest;
import dev.skerry.core.spec.ImageReference;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Pulls an image the way containerd's own client does, for containerd 1.6 which has no transfer
 * service: registry → content store (verified, GC-labelled, under a lease) → image record → layers
 * unpacked into the snapshotter. Runs on the calling worker thread.
 */
final class ImagePuller {
  static final String SNAPSHOTTER = "overlayfs";
  private static final Logger LOG = Logger.getLogger(ImagePuller.class.getName());
  private static final Duration LEASE_EXPIRY = Duration.ofHours(1);
  private static final String PULL_LABEL = "skerry.pull";

  private final ContainerdClient client;
  private final RegistryClient registry;
  private final ContentStore content;
  private final LayerUnpacker unpacker;
  private final Platform platform;
  private final ImageStorage storage;

  ImagePuller(
      ContainerdClient client, RegistryClient registry, Platform platform, ImageStorage storage) {
    this.client = client;
    this.registry = registry;
    this.content = new ContentStore(client);
    this.unpacker = new LayerUnpacker(client);
    this.platform = platform;
    this.storage = storage;
  }

  /**
   * The lease of a failed pull is kept (it expires after {@link #LEASE_EXPIRY}): it holds the
   * half-written ingests that the next attempt resumes. A successful pull deletes every lease of
   * its image.
   */
  ResolvedImage pull(String reference, ImageReference ref, ContainerRuntime.PullProgress progress) {
    String image = OciImages.sha256(ref.canonical().getBytes(StandardCharsets.UTF_8)).substring(7);
    String lease = Leases.create(client, "pull", LEASE_EXPIRY, Map.of(PULL_LABEL, image));
    ResolvedImage pulled = pullUnderLease(reference, ref, progress, lease);
    Leases.deleteLabelled(client, PULL_LABEL, image);
    return pulled;
  }

  private ResolvedImage pullUnderLease(
      String reference, ImageReference ref, ContainerRuntime.PullProgress progress, String lease) {
    RegistryClient.Document top = registry.manifest(ref, ref.manifestReference());
    String topDigest = OciImages.sha256(top.bytes());
    if (ref.digest() != null && !ref.digest().equals(topDigest)) {
      throw new TransientFailure(
          "DigestMismatch", "registry sent " + topDigest + " for " + ref.digest());
    }
    if (top.digestHeader() != null && !top.digestHeader().equals(topDigest)) {
      throw new TransientFailure(
          "DigestMismatch",
          "manifest of "
              + ref
              + " hashes to "
              + topDigest
              + ", registry said "
              + top.digestHeader());
    }
    String topType = OciImages.mediaTypeOf(top.bytes(), top.contentType());
    byte[] manifestBytes = top.bytes();
    String manifestDigest = topDigest;
    String manifestType = topType;
    int indexPosition = -1;
    if (OciImages.isIndex(topType)) {
      List<Descriptor> entries = OciImages.parseIndex(top.bytes());
      Descriptor chosen = OciImages.choosePlatform(entries, platform);
      if (chosen == null) {
        throw new PermanentFailure("PlatformNotFound", ref + " has no manifest for " + platform);
      }
      indexPosition = entries.indexOf(chosen);
      manifestBytes = fetchDocument(ref, chosen);
      manifestDigest = chosen.digest();
      manifestType = OciImages.mediaTypeOf(manifestBytes, chosen.mediaType());
    } else if (!OciImages.isManifest(topType)) {
      throw new PermanentFailure("ImagePullFailed", ref + " has unsupported type " + topType);
    }
    Manifest manifest = OciImages.parseManifest(manifestBytes);
    byte[] configBytes = readOrFetch(ref, manifest.config());
    Config config = OciImages.parseConfig(configBytes);
    if (config.diffIds().size() != manifest.layers().size()) {
      throw new PermanentFailure(
          "ImagePullFailed", ref + ": config lists a different number of layers than the manifest");
    }

    checkSpace(ref, manifest.layers());
    long total = manifestBytes.length + configBytes.length;
    for (Descriptor layer : manifest.layers()) {
      total += layer.size();
    }
    AtomicLong done = new AtomicLong(manifestBytes.length + configBytes.length);
    progress.update(done.get(), total);
    for (Descriptor layer : manifest.layers()) {
      fetchLayer(ref, layer, lease, done, total, progress);
    }
    content.write(manifest.config().digest(), configBytes, Map.of(), lease);
    Map<String, String> manifestLabels = new LinkedHashMap<>();
    manifestLabels.put("containerd.io/gc.ref.content.config", manifest.config().digest());
    for (int i = 0; i < manifest.layers().size(); i++) {
      manifestLabels.put("containerd.io/gc.ref.content.l." + i, manifest.layers().get(i).digest());
    }
    content.write(manifestDigest, manifestBytes, manifestLabels, lease);
    if (indexPosition >= 0) {
      content.write(
          topDigest,
          top.bytes(),
          Map.of("containerd.io/gc.ref.content.m." + indexPosition, manifestDigest),
          lease);
    }

    String topChain = unpacker.unpack(manifest.layers(), config.diffIds(), lease);
    for (int i = 0; i < manifest.layers().size(); i++) {
      content.label(
          manifest.layers().get(i).digest(), "containerd.io/uncompressed", config.diffIds().get(i));
    }
    content.label(
        manifest.config().digest(), "containerd.io/gc.ref.snapshot." + SNAPSHOTTER, topChain);

    saveImage(
        ref,
        dev.skerry.containerd.types.Descriptor.newBuilder()
            .setMediaType(topType)
            .setDigest(topDigest)
            .setSize(top.bytes().length)
            .build(),
        lease);
    progress.update(total, total);
    LOG.info(() -> "pulled " + ref + " (" + platform + ")");
    return new ResolvedImage(reference, manifestDigest, topChain, config.image(), total);
  }

  /**
   * Refuses a pull whose missing layers, times the size factor (blob + unpacked snapshot), do not
   * fit in the free space of containerd's file system: better than filling the disk halfway.
   */
  private void checkSpace(ImageReference ref, List<Descriptor> layers) {
    OptionalLong free = DiskSpace.free(storage.containerdRoot());
    if (free.isEmpty()) {
      LOG.fine(() -> "cannot examine " + storage.containerdRoot() + ": no disk check");
      return;
    }
    long missing = 0;
    for (Descriptor layer : layers) {
      if (!content.exists(layer.digest())) {
        missing += layer.size();
      }
    }
    long needed = storage.needed(missing);
    if (needed > free.getAsLong()) {
      throw new TransientFailure(
          "DiskFull",
          String.format(
              Locale.ROOT,
              "%s needs about %s free (%s of layers to download x %.1f) but %s has only %s",
              ref,
              mib(needed),
              mib(missing),
              storage.sizeFactor(),
              storage.containerdRoot(),
              mib(free.getAsLong())));
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }

  private byte[] fetchDocument(ImageReference ref, Descriptor d) {
    RegistryClient.Document doc = registry.manifest(ref, d.digest());
    verify(d, doc.bytes());
    return doc.bytes();
  }

  private byte[] readOrFetch(ImageReference ref, Descriptor d) {
    if (content.exists(d.digest())) {
      byte[] bytes = content.read(d.digest());
      verify(d, bytes);
      return bytes;
    }
    byte[] bytes = registry.smallBlob(ref, d.digest());
    verify(d, bytes);
    return bytes;
  }

  private static void verify(Descriptor d, byte[] bytes) {
    String actual = OciImages.sha256(bytes);
    if (!actual.equals(d.digest()) || (d.size() >= 0 && d.size() != bytes.length)) {
      throw new TransientFailure(
          "DigestMismatch", d.digest() + ": got " + bytes.length + " bytes hashing to " + actual);
    }
  }

  private void fetchLayer(
      ImageReference ref,
      Descriptor layer,
      String lease,
      AtomicLong done,
      long total,
      ContainerRuntime.PullProgress progress) {
    ContentIngest ingest = content.begin(layer.digest(), layer.size(), lease);
    if (ingest == null) {
      progress.update(done.addAndGet(layer.size()), total);
      return;
    }
    long before = done.get();
    try (ingest;
        BlobReader body = registry.blob(ref, layer.digest(), ingest.startsAt())) {
      if (ingest.startsAt() > 0) {
        LOG.info(
            () ->
                "resuming "
                    + layer.digest()
                    + " of "
                    + ref
                    + " at byte "
                    + ingest.startsAt()
                    + (body.offset() == 0 ? " (registry ignores ranges: skipping)" : ""));
      }
      long skip = ingest.startsAt() - body.offset();
      for (Buffer chunk = body.next(); chunk != null; chunk = body.next()) {
        if (skip > 0) {
          int drop = (int) Math.min(skip, chunk.length());
          skip -= drop;
          chunk = chunk.getBuffer(drop, chunk.length());
        }
        long received = ingest.append(chunk);
        done.set(before + received);
        progress.update(done.get(), total);
      }
      ingest.commit(Map.of());
    }
  }

  private void saveImage(
      ImageReference ref, dev.skerry.containerd.types.Descriptor target, String lease) {
    Image image = Image.newBuilder().setName(ref.canonical()).setTarget(target).build();
    try {
      client.call(
          ImagesGrpc.getCreateMethod(),
          CreateImageRequest.newBuilder().setImage(image).build(),
          lease);
    } catch (ContainerdException e) {
      if (!e.is(GrpcStatus.ALREADY_EXISTS)) {
        throw e;
      }
      client.call(
          ImagesGrpc.getUpdateMethod(),
          UpdateImageRequest.newBuilder().setImage(image).build(),
          lease);
    }
  }
}
