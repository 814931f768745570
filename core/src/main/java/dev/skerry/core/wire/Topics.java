package dev.skerry.core.wire;

/** The MQTT topic tree: one subtree per device, so broker ACLs can confine a device to it. */
public final class Topics {
  /** Major protocol version carried in every message as {@code v}. */
  public static final int PROTOCOL_VERSION = 1;

  public static final String ROOT = "skerry/v1/devices/";

  private Topics() {}

  public static String desired(String deviceId) {
    return ROOT + deviceId + "/desired";
  }

  public static String reported(String deviceId) {
    return ROOT + deviceId + "/reported";
  }

  public static String events(String deviceId) {
    return ROOT + deviceId + "/events";
  }

  public static String ack(String deviceId) {
    return ROOT + deviceId + "/ack";
  }

  public static String commands(String deviceId) {
    return ROOT + deviceId + "/commands";
  }

  /** Where a device answers commands, inside its own subtree so that ACLs stay per device. */
  public static String responses(String deviceId) {
    return ROOT + deviceId + "/responses";
  }

  public static String presence(String deviceId) {
    return ROOT + deviceId + "/presence";
  }

  /** Where a device asks for a renewed certificate (a CSR for its current key). */
  public static String renew(String deviceId) {
    return ROOT + deviceId + "/renew";
  }

  /** Where the hub answers a renewal request. */
  public static String certificate(String deviceId) {
    return ROOT + deviceId + "/certificate";
  }

  /** Wildcard filter for one kind of message from every device. */
  public static String all(String kind) {
    return ROOT + "+/" + kind;
  }

  /** The device id in a topic of this tree, or {@code null} if the topic is not one. */
  public static String deviceIdOf(String topic) {
    if (!topic.startsWith(ROOT)) {
      return null;
    }
    int end = topic.indexOf('/', ROOT.length());
    return end < 0 ? null : topic.substring(ROOT.length(), end);
  }
}
