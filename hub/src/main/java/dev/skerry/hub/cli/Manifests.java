package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits what {@code apply -f} reads into deployments. YAML may hold several documents separated by
 * {@code ---} lines; each is sent as the operator wrote it. JSON may hold one object or an array of
 * them.
 */
final class Manifests {
  static final String YAML = "application/yaml";
  static final String JSON = "application/json";

  private static final Pattern DOC_START = Pattern.compile("^---(\\s.*)?$");

  /**
   * One deployment to apply.
   *
   * @param origin file name (or {@code stdin}) and document number, for messages
   * @param name the deployment's {@code name}
   * @param body the text to send
   * @param contentType {@link #YAML} or {@link #JSON}
   */
  record Manifest(String origin, String name, String body, String contentType) {}

  private Manifests() {}

  /** YAML or JSON by the file's extension, else by its first character. */
  static String contentType(String source, String text) {
    String lower = source.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".json")) {
      return JSON;
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return YAML;
    }
    String t = text.stripLeading();
    return t.startsWith("{") || t.startsWith("[") ? JSON : YAML;
  }

  static List<Manifest> parse(String source, String text) {
    String type = contentType(source, text);
    List<Manifest> out = new ArrayList<>();
    if (type.equals(JSON)) {
      JsonNode root = read(Json.JSON, text, source);
      List<JsonNode> docs = new ArrayList<>();
      if (root.isArray()) {
        root.forEach(docs::add);
      } else {
        docs.add(root);
      }
      for (int i = 0; i < docs.size(); i++) {
        String origin = docs.size() == 1 ? source : source + " item " + (i + 1);
        out.add(new Manifest(origin, name(docs.get(i), origin), docs.get(i).toString(), JSON));
      }
    } else {
      List<String> chunks = splitYaml(text);
      for (int i = 0; i < chunks.size(); i++) {
        String origin = chunks.size() == 1 ? source : source + " document " + (i + 1);
        JsonNode doc = read(Json.yamlMapper(), chunks.get(i), origin);
        if (doc.isMissingNode() || doc.isNull()) {
          continue; // empty or comments only, e.g. before a leading ---
        }
        out.add(new Manifest(origin, name(doc, origin), chunks.get(i), YAML));
      }
    }
    if (out.isEmpty()) {
      throw CliException.input(source + " holds no deployment");
    }
    return out;
  }

  static List<String> splitYaml(String text) {
    List<String> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\\R", -1)) {
      if (DOC_START.matcher(line).matches()) {
        chunks.add(current.toString());
        current.setLength(0);
        String rest = line.substring(3).strip();
        if (!rest.isEmpty()) {
          current.append(rest).append('\n');
        }
      } else {
        current.append(line).append('\n');
      }
    }
    chunks.add(current.toString());
    return chunks;
  }

  private static JsonNode read(
      com.fasterxml.jackson.databind.ObjectMapper mapper, String text, String origin) {
    try {
      JsonNode node = mapper.readTree(text);
      return node == null ? mapper.missingNode() : node;
    } catch (IOException e) {
      String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw CliException.input(
          origin + " is not valid " + (mapper == Json.JSON ? "JSON" : "YAML") + ": " + msg);
    }
  }

  private static String name(JsonNode doc, String origin) {
    if (!doc.isObject()) {
      throw CliException.input(origin + " is not a deployment (a mapping with a name)");
    }
    JsonNode name = doc.path("name");
    if (!name.isTextual() || name.asText().isBlank()) {
      throw CliException.input(origin + " has no \"name\"");
    }
    return name.asText();
  }
}
