package dev.skerry.agent.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.spec.FieldError;
import dev.skerry.core.spec.RolloutStrategy;
import dev.skerry.core.spec.WorkloadSpecRules;
import dev.skerry.core.wire.DesiredDocument;
import dev.skerry.core.wire.DesiredWorkload;
import dev.skerry.core.wire.Topics;
import dev.skerry.core.wire.WireJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a received desired document may be stored. Pure: bytes in, verdict out. Checks
 * size, JSON, the major protocol version {@code v}, the device id and every workload against the
 * rules the hub applied before it stored the deployment ({@link WorkloadSpecRules}, {@link
 * RolloutStrategy#validate(String, DesiredWorkload.Rollout)}), so that the store only ever holds
 * documents the reconciler can act on. What only this device knows (the host paths it lets
 * workloads mount) is checked when the container is created, for that workload alone.
 */
public final class DesiredDocumentCheck {
  public static final int MAX_BYTES = 256 * 1024;

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
    List<FieldError> errors = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < doc.workloads().size(); i++) {
      DesiredWorkload w = doc.workloads().get(i);
      String at = "workloads[" + i + "]";
      if (w == null) {
        errors.add(new FieldError(at, "must not be null"));
        continue;
      }
      errors.addAll(WorkloadSpecRules.validate(at + ".spec", w.spec()));
      errors.addAll(RolloutStrategy.validate(at + ".rollout", w.rollout()));
      if (w.name() != null && !names.add(w.name())) {
        errors.add(new FieldError(at + ".spec.name", "workload '" + w.name() + "' appears twice"));
      }
    }
    if (!errors.isEmpty()) {
      return new Rejected(
          "invalid workloads: "
              + String.join("; ", errors.stream().map(Object::toString).toList()));
    }
    return new Accepted(doc);
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
