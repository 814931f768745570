package dev.skerry.agent.registry;

import dev.skerry.core.spec.ImageReference;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The registry v2 HTTP API: manifests and indexes, blobs (resumable with a Range request), with the
 * authentication of {@link RegistryAuth}. HTTPS unless the registry is listed as insecure, trusting
 * the system CAs plus the registry's own CA file or the global one. Blocking methods; call them
 * from a worker thread. Failures are {@link RegistryException}s that say whether a retry can help.
 */
public final class RegistryClient implements AutoCloseable {
  private final Set<String> insecure;
  private final RegistryHttp http;
  private final RegistryAuth auth;

  public RegistryClient(Vertx vertx, Set<String> insecureRegistries) {
    this(vertx, insecureRegistries, Map.of(), null);
  }

  /**
   * @param access login and CA per registry {@code host:port}
   * @param globalCa CA file for registries without their own, or null
   */
  public RegistryClient(
      Vertx vertx,
      Set<String> insecureRegistries,
      Map<String, RegistryAccess> access,
      Path globalCa) {
    this.insecure = Set.copyOf(insecureRegistries);
    Map<String, RegistryAccess> logins = Map.copyOf(access);
    this.http =
        new RegistryHttp(
            vertx,
            authority -> {
              Path own = logins.getOrDefault(authority, RegistryAccess.NONE).caFile();
              return own != null ? own : globalCa;
            });
    this.auth = new RegistryAuth(http, logins);
  }

  /** A manifest or index as the registry sent it; {@code bytes} are never re-serialized. */
  public record Document(byte[] bytes, String contentType, String digestHeader) {}

  /** GET /v2/repo/manifests/ref with Accept for OCI and Docker v2 manifests and indexes. */
  public Document manifest(ImageReference ref, String reference) {
    String url = base(ref) + "/v2/" + ref.repository() + "/manifests/" + reference;
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap().set(HttpHeaders.ACCEPT, ManifestTypes.ACCEPT);
    BlobReader reply = auth.get(ref, url, headers, "manifest " + ref);
    if (reply.status() == 404) {
      reply.close();
      throw RegistryErrors.manifestUnknown(reference, ref.repository());
    }
    checkStatus(reply, "manifest of " + ref);
    byte[] bytes = reply.readAll("manifest of " + ref);
    return new Document(
        bytes,
        reply.header(HttpHeaders.CONTENT_TYPE.toString()),
        reply.header("Docker-Content-Digest"));
  }

  /** A small blob (image config) read into memory. */
  public byte[] smallBlob(ImageReference ref, String digest) {
    BlobReader reply = blob(ref, digest, 0);
    return reply.readAll("blob " + digest);
  }

  /**
   * Opens a blob for streaming from byte {@code from} (a Range request when {@code from > 0}); the
   * caller reads it on its worker thread. {@link BlobReader#offset()} says where the body starts: 0
   * if the registry ignored the range.
   */
  public BlobReader blob(ImageReference ref, String digest, long from) {
    String url = base(ref) + "/v2/" + ref.repository() + "/blobs/" + digest;
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (from > 0) {
      headers.set("Range", "bytes=" + from + "-");
    }
    BlobReader reply = auth.get(ref, url, headers, "blob " + digest);
    if (from > 0 && reply.status() == 206) {
      reply.startsAt(from);
      return reply;
    }
    checkStatus(reply, "blob " + digest);
    return reply;
  }

  private String base(ImageReference ref) {
    return (insecure.contains(ref.registry()) ? "http://" : "https://") + ref.endpointHost();
  }

  private static void checkStatus(BlobReader reply, String what) {
    int code = reply.status();
    if (code == 200) {
      return;
    }
    reply.close();
    throw RegistryErrors.ofStatus(code, what);
  }

  /** Response body bytes received so far. */
  public long bodyBytes() {
    return http.bodyBytes();
  }

  /** HTTP requests sent so far (tests check that a cached image costs none). */
  public long requestCount() {
    return http.requestCount();
  }

  @Override
  public void close() {
    http.close();
  }
}
