package dev.skerry.agent.runtime;

import com.google.protobuf.ByteString;
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
 * One blob being written: append chunks, then commit. Closing without commit keeps what was written
 * (for the next attempt to resume) unless the data was found wrong; an ingest with nothing written
 * is aborted. A resumed ingest is hashed by containerd only (we did not see its first bytes):
 * COMMIT with {@code expected} fails if the whole does not match.
 */
final class ContentIngest implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ContentIngest.class.getName());
  private static final int CHUNK = 1024 * 1024;
  private static final Duration STEP = ContentStore.STEP;

  private final ContentStore store;
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

  ContentIngest(
      ContentStore store,
      LockStepStream<WriteContentRequest, WriteContentResponse> stream,
      String ref,
      String digest,
      long size,
      long startsAt) {
    this.store = store;
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
      store.relabel(digest, labels);
    }
    committed = true;
  }

  private RuntimeFailure mismatch(String why) {
    wrong = true;
    return new TransientFailure("DigestMismatch", "blob " + digest + ": " + why);
  }

  @Override
  public void close() {
    if (committed) {
      return;
    }
    if (!wrong) {
      try {
        flush();
      } catch (RuntimeFailure | ContainerdException e) {
        LOG.fine(() -> "could not keep the last bytes of " + ref + ": " + e.getMessage());
      }
    }
    stream.close();
    if (wrong || offset == 0) {
      try {
        store.abort(ref);
      } catch (RuntimeFailure | ContainerdException e) {
        LOG.warning("could not abort ingest " + ref + ": " + e.getMessage());
      }
    }
  }
}
