package dev.skerry.hub.deploy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.skerry.core.spec.DeploymentRules;
import dev.skerry.core.spec.FieldError;
import dev.skerry.core.wire.WireJson;
import java.io.IOException;
import java.util.List;

/**
 * Reads a deployment from JSON or YAML. Strict, unlike the wire mapping: an unknown field is an
 * error (a typo in {@code memoryMib} must not silently mean "unlimited").
 */
public final class DeploymentParser {
  private static final ObjectMapper JSON = WireJson.mapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper STRICT =
      WireJson.mapper()
          .copy()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private DeploymentParser() {}

  /** Parses and validates; throws {@link InvalidInputException} with every error found. */
  public static Deployment parse(byte[] body, boolean yaml) {
    JsonNode tree = tree(body, yaml);
    if (tree == null || !tree.isObject()) {
      throw new InvalidInputException(
          "malformed", "the body must be a deployment object", List.of());
    }
    Deployment deployment;
    try {
      deployment = STRICT.treeToValue(tree, Deployment.class);
    } catch (JsonMappingException e) {
      throw new InvalidInputException(
          "invalid", "the deployment is not valid", List.of(describe(e)));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("malformed", e.getOriginalMessage(), List.of());
    }
    List<String> errors =
        DeploymentRules.validate(
                deployment.name(),
                deployment.selector(),
                deployment.workloads(),
                deployment.strategy())
            .stream()
            .map(FieldError::toString)
            .toList();
    if (!errors.isEmpty()) {
      throw new InvalidInputException("invalid", "the deployment is not valid", errors);
    }
    return deployment;
  }

  private static JsonNode tree(byte[] body, boolean yaml) {
    try {
      if (yaml) {
        YamlRules.check(body);
      }
      return (yaml ? YAML : JSON).readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InvalidInputException(
          "malformed",
          "the body is not valid " + (yaml ? "YAML" : "JSON") + where,
          List.of(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new InvalidInputException("malformed", "the body cannot be read", List.of());
    }
  }

  /** The field path of a mapping error, e.g. {@code workloads[0].resources.memoryMiB}. */
  static String describe(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    String what =
        e instanceof UnrecognizedPropertyException
            ? "unknown field"
            : "wrong type: " + firstLine(e.getOriginalMessage());
    return (path.length() == 0 ? "(root)" : path.toString()) + ": " + what;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
