package dev.skerry.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skerry.agent.registry.ManifestTypes;
import dev.skerry.agent.runtime.ResolvedImage.ImageConfig;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure reading of OCI / Docker v2 image documents: indexes, manifests, configs, chain ids. */
final class OciImages {
  static final String OCI_INDEX = ManifestTypes.OCI_INDEX;
  static final String OCI_MANIFEST = ManifestTypes.OCI_MANIFEST;
  static final String DOCKER_LIST = ManifestTypes.DOCKER_LIST;
  static final String DOCKER_MANIFEST = ManifestTypes.DOCKER_MANIFEST;

  private static final ObjectMapper JSON = new ObjectMapper();

  private OciImages() {}

  /** A content descriptor; {@code platform} only for index entries. */
  record Descriptor(String mediaType, String digest, long size, Platform platform) {}

  /** An image manifest: its config and layers, in order. */
  record Manifest(Descriptor config, List<Descriptor> layers) {}

  /** An image config: the process settings and the layers' uncompressed digests. */
  record Config(ImageConfig image, List<String> diffIds) {}

  static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType);
  }

  static boolean isManifest(String mediaType) {
    return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
  }

  /** The media type of a document: its own field, else what the registry said, else by shape. */
  static String mediaTypeOf(byte[] document, String declared) {
    JsonNode root = read(document, "manifest");
    String own = root.path("mediaType").asText("");
    if (!own.isEmpty()) {
      return own;
    }
    if (declared != null && (isIndex(declared) || isManifest(declared))) {
      return declared;
    }
    return root.has("manifests") ? OCI_INDEX : OCI_MANIFEST;
  }

  static List<Descriptor> parseIndex(byte[] document) {
    List<Descriptor> out = new ArrayList<>();
    for (JsonNode m : read(document, "index").path("manifests")) {
      JsonNode p = m.path("platform");
      Platform platform =
          p.isMissingNode()
              ? null
              : new Platform(
                  p.path("os").asText(""),
                  p.path("architecture").asText(""),
                  p.path("variant").asText(""));
      out.add(descriptor(m, platform));
    }
    return out;
  }

  static Manifest parseManifest(byte[] document) {
    JsonNode root = read(document, "manifest");
    if (!root.has("config") || !root.has("layers")) {
      throw new PermanentFailure(
          "ImagePullFailed", "manifest has no config or layers (schema 1 is not supported)");
    }
    List<Descriptor> layers = new ArrayList<>();
    for (JsonNode l : root.path("layers")) {
      layers.add(descriptor(l, null));
    }
    return new Manifest(descriptor(root.path("config"), null), List.copyOf(layers));
  }

  static Config parseConfig(byte[] document) {
    JsonNode root = read(document, "image config");
    JsonNode c = root.path("config");
    Map<String, String> labels = new LinkedHashMap<>();
    c.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    List<String> diffIds = strings(root.path("rootfs").path("diff_ids"));
    ImageConfig image =
        new ImageConfig(
            strings(c.path("Entrypoint")),
            strings(c.path("Cmd")),
            strings(c.path("Env")),
            c.path("WorkingDir").asText(""),
            c.path("User").asText(""),
            Map.copyOf(labels));
    return new Config(image, diffIds);
  }

  /**
   * The index entry for {@code wanted}. arm64's {@code v8} variant is the only one there is, so ""
   * and "v8" are the same; for other architectures an empty wanted variant accepts any.
   */
  static Descriptor choosePlatform(List<Descriptor> entries, Platform wanted) {
    String wantedVariant = normalizeVariant(wanted.architecture(), wanted.variant());
    Descriptor loose = null;
    for (Descriptor d : entries) {
      Platform p = d.platform();
      if (p == null
          || !p.os().equals(wanted.os())
          || !p.architecture().equals(wanted.architecture())) {
        continue;
      }
      String variant = normalizeVariant(p.architecture(), p.variant());
      if (variant.equals(wantedVariant)) {
        return d;
      }
      if (wantedVariant.isEmpty() && loose == null) {
        loose = d;
      }
    }
    return loose;
  }

  static String normalizeVariant(String architecture, String variant) {
    String v = variant == null ? "" : variant;
    return architecture.equals("arm64") && v.equals("v8") ? "" : v;
  }

  /** Chain ids of a layer stack: chain₀ = diff₀, chainₙ = sha256(chainₙ₋₁ + " " + diffₙ). */
  static List<String> chainIds(List<String> diffIds) {
    List<String> out = new ArrayList<>(diffIds.size());
    String previous = null;
    for (String diffId : diffIds) {
      previous = previous == null ? diffId : sha256(previous + " " + diffId);
      out.add(previous);
    }
    return out;
  }

  static String sha256(String text) {
    return "sha256:"
        + HexFormat.of().formatHex(newSha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static String sha256(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(newSha256().digest(bytes));
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  private static Descriptor descriptor(JsonNode node, Platform platform) {
    String digest = node.path("digest").asText("");
    if (!digest.matches("sha256:[a-f0-9]{64}")) {
      throw new PermanentFailure(
          "ImagePullFailed", "unsupported or missing digest '" + digest + "' in image document");
    }
    return new Descriptor(
        node.path("mediaType").asText(""), digest, node.path("size").asLong(-1), platform);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return List.copyOf(out);
  }

  private static JsonNode read(byte[] document, String what) {
    try {
      JsonNode root = JSON.readTree(document);
      if (root == null || !root.isObject()) {
        throw new IOException("not a JSON object");
      }
      return root;
    } catch (IOException e) {
      throw new PermanentFailure(
          "ImagePullFailed", "unreadable " + what + ": " + e.getMessage(), e);
    }
  }
}
