package dev.skerry.agent.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.skerry.core.wire.WireJson;
import dev.skerry.core.wire.WorkloadSpec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of a workload spec, stored on its container as label {@code skerry.spec-hash}:
 * SHA-256 of the spec's JSON with map keys sorted, first 16 hex digits. Equal specs give equal
 * hashes whatever the key order of their {@code env}.
 */
public final class SpecHash {
  private SpecHash() {}

  public static String of(WorkloadSpec spec) {
    try {
      byte[] json =
          WireJson.mapper()
              .writer()
              .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
              .writeValueAsBytes(spec);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash workload spec " + spec.name(), e);
    }
  }
}
