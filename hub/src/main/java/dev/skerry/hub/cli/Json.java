package dev.skerry.hub.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.Map;
import java.util.TreeMap;

/** JSON and YAML mappers and small helpers for reading the hub's loosely typed answers. */
final class Json {
  /** Reads and writes JSON. */
  static final ObjectMapper JSON = new ObjectMapper();

  private Json() {}

  /**
   * Reads and writes YAML without a leading {@code ---}, quoting strings only where they would
   * otherwise read back as another type. Created on first use: SnakeYAML costs start-up time.
   */
  static ObjectMapper yamlMapper() {
    return YamlHolder.YAML;
  }

  private static final class YamlHolder {
    static final ObjectMapper YAML =
        new ObjectMapper(
            YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                // else the string "8080" would come back as a number
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build());
  }

  static String pretty(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always serializes", e);
    }
  }

  static String yaml(JsonNode node) {
    try {
      return yamlMapper().writeValueAsString(node).stripTrailing();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree always serializes", e);
    }
  }

  static String compact(JsonNode node) {
    return node.toString();
  }

  /** The text of a field, or {@code fallback} when missing or null. */
  static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.path(field);
    return v.isMissingNode() || v.isNull() ? fallback : v.asText();
  }

  /** A copy sorted by key; empty for null (a field the answer did not have). */
  static Map<String, String> sorted(Map<String, String> map) {
    return map == null ? new TreeMap<>() : new TreeMap<>(map);
  }

  /** {@code k=v,k2=v2}, sorted, or {@code empty} when there are none. */
  static String labels(Map<String, String> labels, String empty) {
    if (labels.isEmpty()) {
      return empty;
    }
    StringBuilder sb = new StringBuilder();
    labels.forEach(
        (k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
    return sb.toString();
  }
}
