package dev.skerry.agent.runtime;

import com.google.protobuf.FieldMask;
import dev.skerry.containerd.services.content.v1.AbortRequest;
import dev.skerry.containerd.services.content.v1.ContentGrpc;
import dev.skerry.containerd.services.content.v1.Info;
import dev.skerry.containerd.services.content.v1.InfoRequest;
import dev.skerry.containerd.services.content.v1.ReadContentRequest;
import dev.skerry.containerd.services.content.v1.ReadContentResponse;
import dev.skerry.containerd.services.content.v1.UpdateRequest;
import dev.skerry.containerd.services.content.v1.WriteAction;
import dev.skerry.containerd.services.content.v1.WriteContentRequest;
import dev.skerry.containerd.services.content.v1.WriteContentResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.GrpcStatus;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Logger;

/**
 * containerd's content store: blobs written through the lock-step Content.Write stream, with their
 * digest and size checked by us while streaming (and again by containerd at commit).
 */
final class ContentStore {
  private static final Logger LOG = Logger.getLogger(ContentStore.class.getName());
  static final Duration STEP = Duration.ofSeconds(60);
  private static final int LOCK_ATTEMPTS = 20;

  private final ContainerdClient client;

  ContentStore(ContainerdClient client) {
    this.client = client;
  }

  boolean exists(String digest) {
    return info(digest) != null;
  }

  Info info(String digest) {
    try {
      return client
          .call(ContentGrpc.getInfoMethod(), InfoRequest.newBuilder().setDigest(digest).build())
          .getInfo();
    } catch (ContainerdException e) {
      if (e.is(GrpcStatus.NOT_FOUND)) {
        return null;
      }
      throw e;
    }
  }

  /** Reads a whole (small) blob; NOT_FOUND surfaces as a ContainerdException. */
  byte[] read(String digest) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ReadContentResponse part :
        client.callStreaming(
            ContentGrpc.getReadMethod(),
            ReadContentRequest.newBuilder().setDigest(digest).build())) {
      out.writeBytes(part.getData().toByteArray());
    }
    return out.toByteArray();
  }

  /** Sets one label on a blob. */
  void label(String digest, String key, String value) {
    client.call(
        ContentGrpc.getUpdateMethod(),
        UpdateRequest.newBuilder()
            .setInfo(Info.newBuilder().setDigest(digest).putLabels(key, value))
            .setUpdateMask(FieldMask.newBuilder().addPaths("labels." + key))
            .build());
  }

  /** Writes bytes already in memory (and already verified). */
  void write(String digest, byte[] bytes, Map<String, String> labels, String lease) {
    ContentIngest ingest = begin(digest, bytes.length, lease);
    if (ingest == null) {
      relabel(digest, labels);
      return;
    }
    try (ingest) {
      ingest.append(Buffer.buffer(bytes).getBuffer((int) ingest.startsAt(), bytes.length));
      ingest.commit(labels);
    }
  }

  /** Applies labels to a blob that already existed (its first writer may have set none). */
  void relabel(String digest, Map<String, String> labels) {
    labels.forEach((k, v) -> label(digest, k, v));
  }

  /**
   * Opens an ingest for {@code digest}, or returns null if the blob is already present. Waits while
   * another writer holds the ref; a half-written ingest left by an interrupted pull is resumed
   * ({@link ContentIngest#startsAt()} > 0).
   */
  ContentIngest begin(String digest, long size, String lease) {
    String ref = "skerry-" + digest;
    for (int attempt = 1; ; attempt++) {
      LockStepStream<WriteContentRequest, WriteContentResponse> stream =
          client.lockStep(ContentGrpc.getWriteMethod(), lease);
      try {
        WriteContentResponse stat =
            stream.exchange(
                WriteContentRequest.newBuilder()
                    .setAction(WriteAction.STAT)
                    .setRef(ref)
                    .setTotal(size)
                    .setExpected(digest)
                    .build(),
                STEP);
        if (stat.getOffset() == 0) {
          return new ContentIngest(this, stream, ref, digest, size, 0);
        }
        if (stat.getOffset() == size) {
          // Shared content: another namespace already wrote these bytes. containerd answers
          // with the full offset, and a COMMIT claims the blob for our namespace and lease.
          claimShared(stream, ref, digest, size);
          return null;
        }
        if (stat.getOffset() < size) {
          // A partial ingest left by an interrupted pull: resume where it ends.
          return new ContentIngest(this, stream, ref, digest, size, stat.getOffset());
        }
        stream.close();
        abort(ref);
        if (attempt >= LOCK_ATTEMPTS) {
          throw new ContainerdException(
              GrpcStatus.UNAVAILABLE, "content ref " + ref + " keeps a bad ingest", null);
        }
        sleep(Math.min(2000, 100L * attempt));
      } catch (ContainerdException e) {
        stream.close();
        if (e.is(GrpcStatus.ALREADY_EXISTS)) {
          return null;
        }
        if (!e.is(GrpcStatus.UNAVAILABLE) || attempt >= LOCK_ATTEMPTS) {
          throw e;
        }
        LOG.fine(() -> "content ref " + ref + " busy, retrying: " + e.getMessage());
        sleep(Math.min(2000, 100L * attempt));
      }
    }
  }

  private static void claimShared(
      LockStepStream<WriteContentRequest, WriteContentResponse> stream,
      String ref,
      String digest,
      long size) {
    try {
      stream.finish(
          WriteContentRequest.newBuilder()
              .setAction(WriteAction.COMMIT)
              .setRef(ref)
              .setOffset(size)
              .setTotal(size)
              .setExpected(digest)
              .build(),
          STEP);
    } catch (ContainerdException e) {
      if (!e.is(GrpcStatus.ALREADY_EXISTS)) {
        throw e;
      }
    }
  }

  void abort(String ref) {
    try {
      client.call(ContentGrpc.getAbortMethod(), AbortRequest.newBuilder().setRef(ref).build());
    } catch (ContainerdException e) {
      if (!e.is(GrpcStatus.NOT_FOUND)) {
        throw e;
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerdException(GrpcStatus.CANCELLED, "interrupted", e);
    }
  }
}
