package dev.skerry.agent.runtime;

import dev.skerry.containerd.services.leases.v1.CreateRequest;
import dev.skerry.containerd.services.leases.v1.DeleteRequest;
import dev.skerry.containerd.services.leases.v1.Lease;
import dev.skerry.containerd.services.leases.v1.LeasesGrpc;
import dev.skerry.containerd.services.leases.v1.ListRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * A containerd lease: keeps what is written under it from garbage collection until deleted, and
 * expires by itself (containerd.io/gc.expire) if the agent dies in between.
 */
final class Leases {
  private static final Logger LOG = Logger.getLogger(Leases.class.getName());

  private Leases() {}

  static String create(ContainerdClient client, String purpose, Duration expiry) {
    return create(client, purpose, expiry, Map.of());
  }

  static String create(
      ContainerdClient client, String purpose, Duration expiry, Map<String, String> labels) {
    String id = "skerry-" + purpose + "-" + UUID.randomUUID();
    String expire =
        DateTimeFormatter.ISO_INSTANT.format(
            Instant.now().plus(expiry).truncatedTo(ChronoUnit.SECONDS));
    client.call(
        LeasesGrpc.getCreateMethod(),
        CreateRequest.newBuilder()
            .setId(id)
            .putAllLabels(labels)
            .putLabels("containerd.io/gc.expire", expire)
            .build());
    return id;
  }

  /** Deletes every lease carrying label {@code key=value} (best effort). */
  static void deleteLabelled(ContainerdClient client, String key, String value) {
    try {
      for (Lease lease :
          client
              .call(
                  LeasesGrpc.getListMethod(),
                  ListRequest.newBuilder()
                      .addFilters("labels.\"" + key + "\"==\"" + value + "\"")
                      .build())
              .getLeasesList()) {
        delete(client, lease.getId());
      }
    } catch (RuntimeFailure | ContainerdException e) {
      LOG.warning("could not list leases " + key + "=" + value + ": " + e.getMessage());
    }
  }

  static void delete(ContainerdClient client, String id) {
    try {
      client.call(LeasesGrpc.getDeleteMethod(), DeleteRequest.newBuilder().setId(id).build());
    } catch (RuntimeFailure | ContainerdException e) {
      // It expires by itself; a leftover lease only delays garbage collection.
      LOG.warning("could not delete lease " + id + ": " + e.getMessage());
    }
  }
}
