package dev.skerry.core.spec;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed image reference in the Docker grammar: {@code [host[:port]/]repo[:tag][@sha256:hex]}.
 * Without a host the image is on Docker Hub ({@code docker.io}, one-component names under {@code
 * library/}); without tag or digest the tag is {@code latest}.
 *
 * @param registry {@code host[:port]} as written (docker.io for Docker Hub)
 * @param repository path inside the registry, e.g. {@code library/busybox}
 * @param tag the tag, null when only a digest is given
 * @param digest {@code sha256:...} or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
  public static final String DOCKER_HUB = "docker.io";

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
              + "|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

  /** A malformed reference; the message says why. */
  public static final class InvalidImageReference extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidImageReference(String message) {
      super(message);
    }
  }

  /** Why {@code text} is not a reference, or empty if it is one. */
  public static Optional<String> problem(String text) {
    try {
      parse(text);
      return Optional.empty();
    } catch (InvalidImageReference e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Parses a reference.
   *
   * @throws InvalidImageReference if malformed
   */
  public static ImageReference parse(String text) {
    if (text == null || text.isBlank() || text.length() > 255 || !text.equals(text.strip())) {
      throw invalid(text, "empty, too long or surrounded by spaces");
    }
    String rest = text;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw invalid(text, "digest must be sha256: followed by 64 lower-case hex digits");
      }
    }
    String tag = null;
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw invalid(text, "bad tag '" + tag + "'");
      }
    }
    String registry = DOCKER_HUB;
    String path = rest;
    int first = rest.indexOf('/');
    if (first > 0) {
      String head = rest.substring(0, first);
      if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
        registry = head;
        path = rest.substring(first + 1);
        if (!HOST.matcher(registry).matches()) {
          throw invalid(text, "bad registry host '" + registry + "'");
        }
      }
    }
    if (path.isEmpty()) {
      throw invalid(text, "no repository");
    }
    for (String component : path.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        throw invalid(
            text,
            "repository path component '"
                + component
                + "' must be lower-case letters, digits and single separators");
      }
    }
    if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
      path = "library/" + path;
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageReference(registry, path, tag, digest);
  }

  private static InvalidImageReference invalid(String text, String why) {
    return new InvalidImageReference("invalid image reference '" + text + "': " + why);
  }

  /** What the manifest endpoint is asked for: the digest if pinned, else the tag. */
  public String manifestReference() {
    return digest != null ? digest : tag;
  }

  /** The host to connect to (Docker Hub's API lives on registry-1.docker.io). */
  public String endpointHost() {
    return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
  }

  /** The fully qualified name, used as containerd's image name. */
  public String canonical() {
    return registry
        + "/"
        + repository
        + (tag != null ? ":" + tag : "")
        + (digest != null ? "@" + digest : "");
  }

  @Override
  public String toString() {
    return canonical();
  }
}
