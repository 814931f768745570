package dev.skerry.hub.deploy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * What a deployment's YAML may not use. Jackson reads an alias ({@code *x}) as the string {@code
 * "x"} rather than the anchored value, and ignores tags: a document using either would silently
 * mean something else than it says (and a billion-laughs document is only harmless by that
 * accident). So both are refused with a clear message; the core schema's own tags ({@code !!str},
 * {@code !!int}, ...) are allowed.
 */
final class YamlRules {
  private static final YAMLFactory FACTORY = new YAMLFactory();
  private static final Set<String> CORE_TAGS =
      Set.of("str", "int", "float", "bool", "null", "map", "seq").stream()
          .flatMap(t -> Set.of("tag:yaml.org,2002:" + t, "!!" + t).stream())
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private YamlRules() {}

  /** Throws {@link InvalidInputException} at the first alias or custom tag of {@code body}. */
  static void check(byte[] body) throws IOException {
    try (YAMLParser p = FACTORY.createParser(body)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (p.isCurrentAlias()) {
          throw refused("aliases (*" + p.getText() + ") are not supported; repeat the value", p);
        }
        String tag = p.getTypeId();
        if (tag != null && !CORE_TAGS.contains(tag)) {
          throw refused("tags such as " + tag + " are not supported", p);
        }
      }
    }
  }

  private static InvalidInputException refused(String why, YAMLParser p) {
    var at = p.currentLocation();
    return new InvalidInputException(
        "malformed",
        "the body is not valid YAML at line " + at.getLineNr() + ", column " + at.getColumnNr(),
        List.of(why));
  }
}
