package dev.skerry.hub.cli;

import java.net.URI;

/**
 * Where the hub is and how to authenticate, with where each came from (for error messages).
 *
 * @param hub base URL of the hub, without a trailing slash
 * @param token bearer token, or null to send none
 * @param hubSource e.g. {@code --hub}, {@code SKERRY_HUB_URL}, the config file, or {@code default}
 * @param tokenSource where the token came from, or {@code none}
 */
record HubSettings(URI hub, String token, String hubSource, String tokenSource) {
  /** The hub URL used when no flag, variable or config file names one. */
  static final String DEFAULT_HUB = "http://127.0.0.1:8080";
}
