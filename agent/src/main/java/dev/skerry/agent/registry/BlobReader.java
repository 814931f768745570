package dev.skerry.agent.registry;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A response body read from a worker thread with back-pressure: at most a few buffers are queued
 * between the event loop and the reader.
 */
public final class BlobReader implements AutoCloseable {
  static final long MAX_DOCUMENT_BYTES = 4L * 1024 * 1024;
  private static final Object END = new Object();
  private final HttpClientResponse resp;
  private final String what;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final AtomicLong counter;
  private boolean ended;
  private long offset;

  /** Must run on the event loop that delivered the response headers. */
  BlobReader(HttpClientResponse resp, String what, AtomicLong counter) {
    this.resp = resp;
    this.what = what;
    this.counter = counter;
    resp.pause();
    resp.handler(queue::add);
    resp.exceptionHandler(queue::add);
    resp.endHandler(v -> queue.add(END));
    resp.fetch(4);
  }

  int status() {
    return resp.statusCode();
  }

  /** Where in the blob this body starts (after a 206 answer to a Range request). */
  public long offset() {
    return offset;
  }

  void startsAt(long from) {
    this.offset = from;
  }

  String header(String name) {
    return resp.getHeader(name);
  }

  /** The next chunk, or null at the end of the body. */
  public Buffer next() {
    if (ended) {
      return null;
    }
    Object item;
    try {
      item = queue.poll(RegistryHttp.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      throw RegistryErrors.interrupted("interrupted reading " + what, e);
    }
    if (item == null) {
      throw RegistryErrors.timeout("registry stalled sending " + what, null);
    }
    if (item == END) {
      ended = true;
      return null;
    }
    if (item instanceof Throwable t) {
      ended = true;
      throw RegistryException.transientFailure(
          RegistryErrors.PULL_FAILED, "download of " + what + " broke: " + t.getMessage(), t);
    }
    resp.fetch(1);
    Buffer chunk = (Buffer) item;
    counter.addAndGet(chunk.length());
    return chunk;
  }

  /** The whole (small) body: manifests, configs, tokens. */
  byte[] readAll(String label) {
    Buffer all = Buffer.buffer();
    try (this) {
      for (Buffer b = next(); b != null; b = next()) {
        all.appendBuffer(b);
        if (all.length() > MAX_DOCUMENT_BYTES) {
          throw RegistryException.permanentFailure(
              RegistryErrors.PULL_FAILED, label + " is larger than 4 MiB", null);
        }
      }
    }
    return all.getBytes();
  }

  /** Drops the rest of the body (and the connection if the body is not finished). */
  @Override
  public void close() {
    if (!ended) {
      ended = true;
      resp.request().reset();
    }
  }
}
