package dev.skerry.agent.runtime;

import dev.skerry.core.spec.ImageReference;

/** The core's image reference parsing, with a malformed one as a not-retryable runtime failure. */
final class ImageReferences {
  private ImageReferences() {}

  static ImageReference parse(String reference) {
    try {
      return ImageReference.parse(reference);
    } catch (ImageReference.InvalidImageReference e) {
      throw new RuntimeFailure("InvalidReference", e.getMessage(), false, e);
    }
  }
}
