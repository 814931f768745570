package dev.skerry.hub.cli;

/**
 * The connection flags given on the command line; each null when absent.
 *
 * @param hub {@code --hub}
 * @param token {@code --token}
 * @param tokenFile {@code --token-file}
 */
record HubFlags(String hub, String token, String tokenFile) {
  static final HubFlags NONE = new HubFlags(null, null, null);
}
