package dev.skerry.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skerry.core.wire.DesiredWorkload;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A deployment's rollout strategy with defaults filled in. The deployment keeps the strategy as the
 * operator wrote it (so its content hash is what was written); this is how the hub reads it. The
 * device side of it ({@link #deviceSide()}) travels in each desired workload, and the agent checks
 * it with {@link #validate(String, DesiredWorkload.Rollout)}, the same bounds.
 *
 * @param waves cumulative percentages of the targeted devices, increasing, the last one 100
 * @param bakeSeconds how long a wave must stay settled before the next one starts
 * @param maxFailurePercent failed devices, as a percentage of the devices updated so far, above
 *     which the rollout aborts
 * @param progressDeadlineSeconds a device not healthy this long after it took the revision counts
 *     as failed
 * @param minReadySeconds without a health check, how long a workload must run without a restart to
 *     count as healthy
 * @param autoRollback on abort, send the previous revision back to the updated devices
 */
public record RolloutStrategy(
    String type,
    List<Integer> waves,
    int bakeSeconds,
    int maxFailurePercent,
    int progressDeadlineSeconds,
    int minReadySeconds,
    boolean autoRollback) {
  public static final String WAVES = "waves";
  public static final String ALL_AT_ONCE = "all-at-once";

  /** Without a strategy: every device at once; a rollout never aborts unless told a budget. */
  public static final RolloutStrategy DEFAULT =
      new RolloutStrategy(
          ALL_AT_ONCE,
          List.of(100),
          0,
          100,
          DesiredWorkload.Rollout.DEFAULT_PROGRESS_DEADLINE_SECONDS,
          DesiredWorkload.Rollout.DEFAULT_MIN_READY_SECONDS,
          true);

  static final int MAX_BAKE_SECONDS = 7 * 24 * 3600;
  static final int MAX_PROGRESS_DEADLINE_SECONDS = 7 * 24 * 3600;
  static final int MAX_MIN_READY_SECONDS = 24 * 3600;

  private static final Set<String> FIELDS =
      Set.of(
          "type",
          "waves",
          "bakeSeconds",
          "maxFailurePercent",
          "progressDeadlineSeconds",
          "minReadySeconds",
          "autoRollback");

  public RolloutStrategy {
    waves = List.copyOf(waves);
  }

  /** Whether {@code wave} is the last one. */
  public boolean isLastWave(int wave) {
    return wave >= waves.size() - 1;
  }

  /** What the agent needs to guard an update to this revision on its own. */
  public DesiredWorkload.Rollout deviceSide() {
    return new DesiredWorkload.Rollout(progressDeadlineSeconds, minReadySeconds, autoRollback);
  }

  /**
   * The strategy a deployment's {@code strategy} object describes; {@link #DEFAULT} for null.
   *
   * @throws IllegalArgumentException if it is not valid (see {@link #validate})
   */
  public static RolloutStrategy of(JsonNode node) {
    List<FieldError> errors = validate(node);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          String.join("; ", errors.stream().map(FieldError::toString).toList()));
    }
    if (node == null || node.isNull()) {
      return DEFAULT;
    }
    String type = node.path("type").asText(ALL_AT_ONCE);
    List<Integer> waves = new ArrayList<>();
    if (node.has("waves")) {
      node.get("waves").forEach(w -> waves.add(w.intValue()));
    } else {
      waves.add(100);
    }
    return new RolloutStrategy(
        type,
        waves,
        node.path("bakeSeconds").asInt(WAVES.equals(type) ? 60 : 0),
        node.path("maxFailurePercent").asInt(WAVES.equals(type) ? 0 : 100),
        node.path("progressDeadlineSeconds").asInt(DEFAULT.progressDeadlineSeconds()),
        node.path("minReadySeconds").asInt(DEFAULT.minReadySeconds()),
        node.path("autoRollback").asBoolean(true));
  }

  /** Every problem of a {@code strategy} object, each naming its field path. */
  public static List<FieldError> validate(JsonNode node) {
    List<FieldError> errors = new ArrayList<>();
    if (node == null || node.isNull()) {
      return errors;
    }
    if (!node.isObject()) {
      errors.add(new FieldError("strategy", "must be an object"));
      return errors;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        errors.add(new FieldError("strategy." + field, "unknown field"));
      }
    }
    JsonNode type = node.get("type");
    String typeName = ALL_AT_ONCE;
    if (type != null) {
      if (!type.isTextual() || !Set.of(WAVES, ALL_AT_ONCE).contains(type.asText())) {
        errors.add(new FieldError("strategy.type", "must be waves or all-at-once"));
      } else {
        typeName = type.asText();
      }
    }
    JsonNode waves = node.get("waves");
    if (WAVES.equals(typeName)) {
      checkWaves(errors, waves);
    } else if (waves != null) {
      errors.add(new FieldError("strategy.waves", "only for type waves"));
    }
    checkInt(errors, node, "bakeSeconds", 0, MAX_BAKE_SECONDS);
    checkInt(errors, node, "maxFailurePercent", 0, 100);
    checkInt(errors, node, "progressDeadlineSeconds", 1, MAX_PROGRESS_DEADLINE_SECONDS);
    checkInt(errors, node, "minReadySeconds", 0, MAX_MIN_READY_SECONDS);
    JsonNode auto = node.get("autoRollback");
    if (auto != null && !auto.isBoolean()) {
      errors.add(new FieldError("strategy.autoRollback", "must be true or false"));
    }
    return errors;
  }

  private static void checkWaves(List<FieldError> errors, JsonNode waves) {
    if (waves == null || !waves.isArray() || waves.isEmpty()) {
      errors.add(new FieldError("strategy.waves", "required for type waves, e.g. [1, 10, 100]"));
      return;
    }
    int previous = 0;
    for (int i = 0; i < waves.size(); i++) {
      JsonNode w = waves.get(i);
      if (!w.isIntegralNumber() || w.intValue() < 1 || w.intValue() > 100) {
        errors.add(
            new FieldError(
                "strategy.waves[" + i + "]", "must be a whole percentage from 1 to 100"));
        return;
      }
      if (w.intValue() <= previous) {
        errors.add(
            new FieldError(
                "strategy.waves[" + i + "]",
                "must be greater than the wave before (" + previous + "); waves are cumulative"));
        return;
      }
      previous = w.intValue();
    }
    if (previous != 100) {
      errors.add(
          new FieldError(
              "strategy.waves[" + (waves.size() - 1) + "]",
              "the last wave must be 100, or some devices would never be updated"));
    }
  }

  private static void checkInt(
      List<FieldError> errors, JsonNode node, String field, int min, int max) {
    JsonNode v = node.get(field);
    if (v == null) {
      return;
    }
    if (!v.isIntegralNumber() || v.longValue() < min || v.longValue() > max) {
      errors.add(
          new FieldError("strategy." + field, "must be a whole number from " + min + " to " + max));
    }
  }

  /**
   * Every problem of the rollout guard of a desired workload, each under {@code path}; the bounds
   * are those of the deployment's strategy, so what the hub sends always passes. None for null.
   */
  public static List<FieldError> validate(String path, DesiredWorkload.Rollout rollout) {
    List<FieldError> errors = new ArrayList<>();
    if (rollout == null) {
      return errors;
    }
    Integer deadline = rollout.progressDeadlineSeconds();
    if (deadline != null && (deadline < 1 || deadline > MAX_PROGRESS_DEADLINE_SECONDS)) {
      errors.add(
          new FieldError(
              path + ".progressDeadlineSeconds",
              "must be a whole number from 1 to " + MAX_PROGRESS_DEADLINE_SECONDS));
    }
    Integer minReady = rollout.minReadySeconds();
    if (minReady != null && (minReady < 0 || minReady > MAX_MIN_READY_SECONDS)) {
      errors.add(
          new FieldError(
              path + ".minReadySeconds",
              "must be a whole number from 0 to " + MAX_MIN_READY_SECONDS));
    }
    return errors;
  }
}
