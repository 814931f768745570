package dev.skerry.agent.runtime;

import com.google.protobuf.ByteString;
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
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.logging.Logger;

/**
 * containerd's content store: blobs written through the lock-step Content.Write stream, with their
 * digest and size checked by us while streaming (and again by containerd at commit).
 */
final class ContentStore {
  private static final Logger LOG = Logger.getLogger(ContentStore.class.getName());
  private static final int CHUNK = 1024 * 1024;
  private static final Duration STEP = Duration.ofSeconds(60);
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
    Ingest ingest = begin(digest, bytes.length, lease);
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
   * ({@link Ingest#startsAt()} > 0).
   */
  Ingest begin(String digest, long size, String lease) {
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
          return new Ingest(stream, ref, digest, size, 0);
        }
        if (stat.getOffset() == size) {
          // Shared content: another namespace already wrote these bytes. containerd answers
          // with the full offset, and a COMMIT claims the blob for our namespace and lease.
          claimShared(stream, ref, digest, size);
          return null;
        }
        if (stat.getOffset() < size) {
          // A partial ingest left by an interrupted pull: resume where it ends.
          return new Ingest(stream, ref, digest, size, stat.getOffset());
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

  /**
   * One blob being written: append chunks, then commit. Closing without commit keeps what was
   * written (for the next attempt to resume) unless the data was found wrong; an ingest with
   * nothing written is aborted. A resumed ingest is hashed by containerd only (we did not see its
   * first bytes): COMMIT with {@code expected} fails if the whole does not match.
   */
  final class Ingest implements AutoCloseable {
    private final LockStepStream<WriteContentRequest, WriteContentResponse> stream;
    private final String ref;
    private final String digest;
    private final long size;
    private final long startsAt;
    private final MessageDigest sha = OciImages.newSha256();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(CHUNK);
    private long offset;
    private long received;
    private boolean committed;
    private boolean wrong;

    private Ingest(
        LockStepStream<WriteContentRequest, WriteContentResponse> stream,
        String ref,
        String digest,
        long size,
        long startsAt) {
      this.stream = stream;
      this.ref = ref;
      this.digest = digest;
      this.size = size;
      this.startsAt = startsAt;
      this.offset = startsAt;
      this.received = startsAt;
    }

    /** Bytes already in the ingest when it was opened: where the download must start. */
    long startsAt() {
      return startsAt;
    }

    /** Adds bytes; returns how many bytes have been received so far. */
    long append(Buffer data) {
      received += data.length();
      if (received > size) {
        throw mismatch("more than the " + size + " bytes announced");
      }
      byte[] bytes = data.getBytes();
      sha.update(bytes);
      pending.writeBytes(bytes);
      if (pending.size() >= CHUNK) {
        flush();
      }
      return received;
    }

    private void flush() {
      if (pending.size() == 0) {
        return;
      }
      stream.exchange(
          WriteContentRequest.newBuilder()
              .setAction(WriteAction.WRITE)
              .setRef(ref)
              .setOffset(offset)
              .setData(ByteString.copyFrom(pending.toByteArray()))
              .build(),
          STEP);
      offset += pending.size();
      pending.reset();
    }

    void commit(Map<String, String> labels) {
      if (received != size) {
        throw mismatch("got " + received + " bytes, expected " + size);
      }
      String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
      if (startsAt == 0 && !actual.equals(digest)) {
        throw mismatch("content hashes to " + actual);
      }
      flush();
      try {
        stream.finish(
            WriteContentRequest.newBuilder()
                .setAction(WriteAction.COMMIT)
                .setRef(ref)
                // An offset of 0 would make containerd truncate what we wrote.
                .setOffset(offset)
                .setTotal(size)
                .setExpected(digest)
                .putAllLabels(labels)
                .build(),
            STEP);
      } catch (ContainerdException e) {
        if (e.is(GrpcStatus.FAILED_PRECONDITION)) {
          // containerd's own digest check: the resumed prefix and our bytes do not add up.
          throw mismatch("containerd refused the commit: " + e.getMessage());
        }
        if (!e.is(GrpcStatus.ALREADY_EXISTS)) {
          throw e;
        }
        relabel(digest, labels);
      }
      committed = true;
    }

    private RuntimeFailure mismatch(String why) {
      wrong = true;
      return new RuntimeFailure("DigestMismatch", "blob " + digest + ": " + why, true);
    }

    @Override
    public void close() {
      if (committed) {
        return;
      }
      if (!wrong) {
        try {
          flush();
        } catch (RuntimeFailure e) {
          LOG.fine(() -> "could not keep the last bytes of " + ref + ": " + e.getMessage());
        }
      }
      stream.close();
      if (wrong || offset == 0) {
        try {
          abort(ref);
        } catch (RuntimeFailure e) {
          LOG.warning("could not abort ingest " + ref + ": " + e.getMessage());
        }
      }
    }
  }
}
