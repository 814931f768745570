package dev.skerry.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The table of {@code skerryctl get renewals}: pending renewals of expired certificates. */
final class RenewalTable {
  static final List<String> SPELLINGS = List.of("renewals", "renewal");

  private RenewalTable() {}

  static Table of(JsonNode items, Instant now) {
    Table t = new Table(List.of("DEVICE", "REQUESTED", "OLD-SERIAL", "KEY"));
    for (JsonNode r : items) {
      t.row(
          List.of(
              r.path("deviceId").asText(""),
              ago(r.path("requestedAt").asText(""), now),
              r.path("oldSerial").asText(""),
              r.path("keyId").asText("")));
    }
    return t;
  }

  private static String ago(String at, Instant now) {
    try {
      return Ago.format(Instant.parse(at), now);
    } catch (DateTimeParseException e) {
      return at;
    }
  }
}
