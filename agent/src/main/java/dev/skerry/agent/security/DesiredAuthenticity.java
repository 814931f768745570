package dev.skerry.agent.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.identity.DocumentSignature;
import dev.skerry.core.identity.Fingerprints;
import dev.skerry.core.tls.Pem;
import dev.skerry.core.wire.WireJson;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Whether a desired document comes from the hub and is new (decision 0010): signed with a pinned
 * key, for this device, and above the revision the device holds. Pure: bytes, signature, keys and
 * the stored revision in, verdict out. Reasons start with the refusal's kind ({@code unsigned},
 * {@code forged}, {@code untrusted-key}, {@code wrong-device}, {@code replayed}).
 */
public final class DesiredAuthenticity {
  /** The outcome. */
  public sealed interface Verdict {}

  /**
   * Signed by a pinned key, for this device, newer than the stored document.
   *
   * @param signingKeys the key set the document announces (rotation), null if none
   */
  public record Authentic(long revision, List<PublicKey> signingKeys) implements Verdict {}

  /** The very document the device holds, again (a retained message after a reconnect). */
  public record Duplicate(long revision) implements Verdict {}

  public record Refused(String reason) implements Verdict {}

  /** What the device holds: its revision and the SHA-256 of its bytes (0 and null if nothing). */
  public record Held(long revision, String sha256) {
    public static final Held NOTHING = new Held(0, null);
  }

  private final String deviceId;

  public DesiredAuthenticity(String deviceId) {
    this.deviceId = deviceId;
  }

  public Verdict check(byte[] payload, String signature, Collection<PublicKey> trusted, Held held) {
    DocumentSignature.Verdict v = DocumentSignature.verify(signature, payload, trusted);
    if (v instanceof DocumentSignature.Invalid invalid) {
      return new Refused(kindOf(invalid.reason()));
    }
    JsonNode tree;
    try {
      tree = WireJson.mapper().readTree(payload);
    } catch (IOException e) {
      return new Refused("forged: signed, but not JSON");
    }
    if (tree == null || !tree.isObject()) {
      return new Refused("forged: signed, but not a JSON object");
    }
    String target = tree.path("deviceId").asText(null);
    if (!deviceId.equals(target)) {
      return new Refused("wrong-device: the document is for '" + target + "', not this device");
    }
    long revision = tree.path("revision").asLong(0);
    if (revision == held.revision() && Fingerprints.sha256Hex(payload).equals(held.sha256())) {
      return new Duplicate(revision);
    }
    if (revision <= held.revision()) {
      return new Refused(
          "replayed: revision "
              + revision
              + " is not above the stored revision "
              + held.revision());
    }
    JsonNode announced = tree.get("signingKeys");
    if (announced == null || announced.isNull()) {
      return new Authentic(revision, null);
    }
    List<PublicKey> keys = new ArrayList<>();
    try {
      for (JsonNode k : announced) {
        keys.add(Pem.publicKey(k.asText()));
      }
    } catch (IllegalArgumentException e) {
      return new Refused("forged: signingKeys holds an unusable key: " + e.getMessage());
    }
    if (keys.isEmpty()) {
      return new Refused("forged: signingKeys is empty (a device must trust some key)");
    }
    return new Authentic(revision, List.copyOf(keys));
  }

  /** DocumentSignature's reasons, named by the refusal kinds of decision 0010. */
  private static String kindOf(String reason) {
    if (reason.startsWith("unsigned") || reason.startsWith("forged")) {
      return reason;
    }
    if (reason.startsWith("signed by key")) {
      return "untrusted-key: " + reason;
    }
    return "forged: " + reason;
  }
}
