package dev.skerry.agent.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a received desired document may be stored. Pure: bytes in, verdict out. Checks
 * size, JSON, the major protocol version {@code v}, the device id and each workload's basics, so
 * that the store only ever holds documents the reconciler can act on.
 */
public final class DesiredDocumentCheck {
  public static final int MAX_BYTES = 256 * 1024;
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Set<String> POLICIES = Set.of("always", "on-failure", "never");
  private static final Set<String> NETWORKS = Set.of("host", "none");

  /** The outcome: a document, or the reason it was refused. */
  public sealed interface Verdict {}

  public record Accepted(DesiredDocument document) implements Verdict {}

  public record Rejected(String reason) implements Verdict {}

  private final String deviceId;

  public DesiredDocumentCheck(String deviceId) {
    this.deviceId = deviceId;
  }

  public Verdict check(byte[] payload) {
    if (payload.length > MAX_BYTES) {
      return new Rejected("oversized: " + payload.length + " bytes > " + MAX_BYTES);
    }
    JsonNode tree;
    try {
      tree = WireJson.mapper().readTree(payload);
    } catch (IOException e) {
      return new Rejected("malformed JSON: " + firstLine(e));
    }
    if (tree == null || !tree.isObject()) {
      return new Rejected("malformed: not a JSON object");
    }
    JsonNode v = tree.get("v");
    if (v == null || !v.isInt()) {
      return new Rejected("malformed: no protocol version 'v'");
    }
    if (v.intValue() != Topics.PROTOCOL_VERSION) {
      return new Rejected("unsupported protocol version v=" + v.intValue());
    }
    DesiredDocument doc;
    try {
      doc = WireJson.mapper().treeToValue(tree, DesiredDocument.class);
    } catch (IOException | IllegalArgumentException e) {
      return new Rejected("malformed document: " + firstLine(e));
    }
    if (!deviceId.equals(doc.deviceId())) {
      return new Rejected("for device '" + doc.deviceId() + "', not this one");
    }
    if (doc.revision() <= 0) {
      return new Rejected("revision must be positive, got " + doc.revision());
    }
    Set<String> names = new HashSet<>();
    for (DesiredWorkload w : doc.workloads()) {
      String problem = problem(w);
      if (problem != null) {
        return new Rejected(problem);
      }
      if (!names.add(w.name())) {
        return new Rejected("workload '" + w.name() + "' appears twice");
      }
    }
    return new Accepted(doc);
  }

  private static String problem(DesiredWorkload w) {
    if (w == null || w.spec() == null) {
      return "a workload has no spec";
    }
    var s = w.spec();
    if (s.name() == null || !NAME.matcher(s.name()).matches()) {
      return "invalid workload name '" + s.name() + "'";
    }
    if (s.image() == null || s.image().isBlank()) {
      return "workload '" + s.name() + "' has no image";
    }
    if (s.restartPolicy() != null && !POLICIES.contains(s.restartPolicy())) {
      return "workload '" + s.name() + "': unknown restartPolicy '" + s.restartPolicy() + "'";
    }
    if (s.network() != null && !NETWORKS.contains(s.network())) {
      return "workload '" + s.name() + "': unknown network '" + s.network() + "'";
    }
    return null;
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
