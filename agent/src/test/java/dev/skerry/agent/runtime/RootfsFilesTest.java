package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skerry.containerd.types.Mount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsFilesTest {
  @TempDir Path dir;

  private Path layer(String name, String passwd) throws Exception {
    Path root = Files.createDirectories(dir.resolve(name).resolve("etc")).getParent();
    if (passwd != null) {
      Files.writeString(root.resolve("etc/passwd"), passwd);
    }
    return root;
  }

  @Test
  void theTopMostOverlayLayerWithTheFileWins() throws Exception {
    Path upper = layer("upper", null);
    Path top = layer("top", "top\n");
    Path bottom = layer("bottom", "bottom\n");
    Mount overlay =
        Mount.newBuilder()
            .setType("overlay")
            .setSource("overlay")
            .addOptions("index=off")
            .addOptions("workdir=" + dir.resolve("work"))
            .addOptions("upperdir=" + upper)
            .addOptions("lowerdir=" + top + ":" + bottom)
            .build();

    assertThat(RootfsFiles.read(List.of(overlay), "etc/passwd")).isEqualTo("top\n");
    assertThat(RootfsFiles.read(List.of(overlay), "etc/group")).isNull();
  }

  @Test
  void aBindMountedSingleLayerIsReadFromItsSource() throws Exception {
    Path only = layer("only", "root:x:0:0::/:/bin/sh\n");
    Mount bind = Mount.newBuilder().setType("bind").setSource(only.toString()).build();

    assertThat(RootfsFiles.read(List.of(bind), "etc/passwd")).startsWith("root:");
  }
}
