package dev.skerry.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The bind-mount sources under a prefix in a stored OCI spec (the volumes a container uses). */
final class VolumeSources {
  private static final ObjectMapper JSON = new ObjectMapper();

  private VolumeSources() {}

  static List<String> of(ByteString ociSpec, String prefix) {
    List<String> out = new ArrayList<>();
    try {
      JsonNode mounts = JSON.readTree(ociSpec.toByteArray()).path("mounts");
      for (JsonNode m : mounts) {
        String source = m.path("source").asText("");
        if (source.startsWith(prefix) && source.indexOf('/', prefix.length()) < 0) {
          out.add(source);
        }
      }
    } catch (IOException e) {
      // Not a spec we wrote: nothing of ours to mount.
    }
    return out;
  }
}
