package dev.skerry.core.wire;

import java.time.Instant;

/**
 * A request from the hub to one device on {@code skerry/v1/devices/{id}/commands} (QoS 1, not
 * retained, with an MQTT 5 message expiry so a device that comes back late does not act on it). The
 * answer, a {@link CommandResponse}, goes to the request's MQTT 5 response topic with the same
 * correlation data; {@code id} repeats the correlation for clients that cannot read properties.
 *
 * @param id unique per request, chosen by the hub
 * @param name {@link #RESTART}, {@link #LOGS} or {@link #DELETE_VOLUME}
 * @param workload the workload it concerns; for {@link #DELETE_VOLUME} the volume's name (both are
 *     DNS labels)
 * @param tail for {@code logs}: how many of the last lines (1-10000)
 */
public record Command(
    int v, String deviceId, String id, String name, String workload, Integer tail, Instant at) {
  public static final String RESTART = "restart";
  public static final String LOGS = "logs";
  public static final String DELETE_VOLUME = "delete-volume";
}
