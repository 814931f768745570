package dev.skerry.agent.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code WWW-Authenticate: Bearer realm="...",service="...",scope="..."} challenge, as registries
 * send on 401 (Docker's token authentication specification).
 */
record BearerChallenge(String realm, String service, String scope) {

  /** Parses the header; null if it is not a Bearer challenge with a realm. */
  static BearerChallenge parse(String header) {
    if (header == null) {
      return null;
    }
    String text = header.strip();
    if (!text.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    int i = "bearer ".length();
    while (i < text.length()) {
      while (i < text.length() && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
        i++;
      }
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      i = eq + 1;
      StringBuilder value = new StringBuilder();
      if (i < text.length() && text.charAt(i) == '"') {
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
          if (text.charAt(i) == '\\' && i + 1 < text.length()) {
            i++;
          }
          value.append(text.charAt(i++));
        }
        i++;
      } else {
        while (i < text.length() && text.charAt(i) != ',') {
          value.append(text.charAt(i++));
        }
      }
      params.put(key, value.toString().strip());
    }
    String realm = params.get("realm");
    if (realm == null || realm.isEmpty()) {
      return null;
    }
    return new BearerChallenge(realm, params.get("service"), params.get("scope"));
  }
}
