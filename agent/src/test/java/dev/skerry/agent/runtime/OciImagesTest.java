package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skerry.agent.runtime.OciImages.Descriptor;
import dev.skerry.agent.runtime.RuntimeConfig.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OciImagesTest {
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);
  private static final String C = "sha256:" + "c".repeat(64);
  private static final String D = "sha256:" + "d".repeat(64);

  private static byte[] bytes(String json) {
    return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  private static final byte[] INDEX =
      bytes(
          "{'schemaVersion':2,'manifests':["
              + "{'mediaType':'application/vnd.oci.image.manifest.v1+json','digest':'"
              + A
              + "','size':10,'platform':{'os':'linux','architecture':'amd64'}},"
              + "{'mediaType':'application/vnd.oci.image.manifest.v1+json','digest':'"
              + B
              + "','size':11,'platform':{'os':'linux','architecture':'arm64','variant':'v8'}},"
              + "{'mediaType':'application/vnd.oci.image.manifest.v1+json','digest':'"
              + C
              + "','size':12,'platform':{'os':'linux','architecture':'arm','variant':'v7'}}]}");

  @Test
  void picksTheManifestOfTheWantedPlatform() {
    List<Descriptor> entries = OciImages.parseIndex(INDEX);

    assertThat(OciImages.choosePlatform(entries, Platform.parse("linux/amd64")).digest())
        .isEqualTo(A);
    assertThat(OciImages.choosePlatform(entries, Platform.parse("linux/arm/v7")).digest())
        .isEqualTo(C);
    assertThat(OciImages.choosePlatform(entries, Platform.parse("linux/arm/v6"))).isNull();
    assertThat(OciImages.choosePlatform(entries, Platform.parse("windows/amd64"))).isNull();
  }

  @Test
  void arm64WithAndWithoutV8IsTheSamePlatform() {
    List<Descriptor> entries = OciImages.parseIndex(INDEX);

    assertThat(OciImages.choosePlatform(entries, Platform.parse("linux/arm64")).digest())
        .isEqualTo(B);
    assertThat(OciImages.choosePlatform(entries, Platform.parse("linux/arm64/v8")).digest())
        .isEqualTo(B);
  }

  @Test
  void chainIdsFollowTheOciRule() {
    // chain(0) = diff(0); chain(n) = sha256(chain(n-1) + " " + diff(n))
    List<String> chains = OciImages.chainIds(List.of(A, B, C));

    assertThat(chains.get(0)).isEqualTo(A);
    assertThat(chains.get(1)).isEqualTo(OciImages.sha256(A + " " + B));
    assertThat(chains.get(2)).isEqualTo(OciImages.sha256(chains.get(1) + " " + C));
  }

  @Test
  void sha256OfTextIsTheWellKnownValue() {
    assertThat(OciImages.sha256("abc"))
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void readsManifestAndConfig() {
    byte[] manifest =
        bytes(
            "{'schemaVersion':2,'config':{'mediaType':'x','digest':'"
                + A
                + "','size':5},'layers':[{'mediaType':'application/vnd.oci.image.layer.v1.tar+gzip','digest':'"
                + B
                + "','size':7}]}");
    byte[] config =
        bytes(
            "{'architecture':'amd64','config':{'Env':['PATH=/bin','X=1'],'Entrypoint':['/e'],"
                + "'Cmd':['c'],'WorkingDir':'/w','User':'1000:1000','Labels':{'k':'v'}},"
                + "'rootfs':{'type':'layers','diff_ids':['"
                + D
                + "']}}");

    var m = OciImages.parseManifest(manifest);
    var c = OciImages.parseConfig(config);

    assertThat(m.config().digest()).isEqualTo(A);
    assertThat(m.layers()).extracting(Descriptor::digest).containsExactly(B);
    assertThat(c.diffIds()).containsExactly(D);
    assertThat(c.image().entrypoint()).containsExactly("/e");
    assertThat(c.image().cmd()).containsExactly("c");
    assertThat(c.image().env()).containsExactly("PATH=/bin", "X=1");
    assertThat(c.image().workingDir()).isEqualTo("/w");
    assertThat(c.image().user()).isEqualTo("1000:1000");
    assertThat(c.image().labels()).containsEntry("k", "v");
  }

  @Test
  void mediaTypeComesFromTheDocumentThenTheRegistryThenItsShape() {
    assertThat(OciImages.mediaTypeOf(bytes("{'mediaType':'" + OciImages.DOCKER_LIST + "'}"), null))
        .isEqualTo(OciImages.DOCKER_LIST);
    assertThat(OciImages.mediaTypeOf(bytes("{}"), OciImages.DOCKER_MANIFEST))
        .isEqualTo(OciImages.DOCKER_MANIFEST);
    assertThat(OciImages.mediaTypeOf(bytes("{'manifests':[]}"), "text/plain"))
        .isEqualTo(OciImages.OCI_INDEX);
    assertThat(OciImages.mediaTypeOf(bytes("{'layers':[]}"), null))
        .isEqualTo(OciImages.OCI_MANIFEST);
  }

  @Test
  void schema1AndGarbageAreNotRetryableFailures() {
    assertThatThrownBy(() -> OciImages.parseManifest(bytes("{'schemaVersion':1,'fsLayers':[]}")))
        .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.retryable()).isFalse());
    assertThatThrownBy(() -> OciImages.parseConfig(bytes("not json")))
        .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.retryable()).isFalse());
  }
}
