package dev.skerry.agent.runtime;

import dev.skerry.testsupport.fuzz.Fuzz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Mutated image indexes and manifests from a registry: refused only as a PermanentFailure. */
class ManifestsFuzzTest {
  static final String INDEX =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
          + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"digest\":\"sha256:"
          + "a".repeat(64)
          + "\",\"size\":500,"
          + "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}}]}";
  static final String MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
          + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
          + "\"digest\":\"sha256:"
          + "b".repeat(64)
          + "\",\"size\":100},"
          + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
          + "\"digest\":\"sha256:"
          + "c".repeat(64)
          + "\",\"size\":1000}]}";

  @Test
  @Timeout(60)
  void refusesMutatedIndexesAndManifestsOnlyAsPermanentFailures() {
    Fuzz.parser("image index")
        .seeds(INDEX, MANIFEST)
        .allowing(PermanentFailure.class)
        .inputs(15_000)
        .run(
            document -> {
              OciImages.mediaTypeOf(document, null);
              OciImages.parseIndex(document);
            });
    Fuzz.parser("image manifest")
        .seeds(MANIFEST, INDEX)
        .allowing(PermanentFailure.class)
        .inputs(15_000)
        .run(OciImages::parseManifest);
  }
}
