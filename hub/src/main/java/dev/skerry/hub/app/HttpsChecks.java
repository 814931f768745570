package dev.skerry.hub.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks of the HTTP and HTTPS listener settings: plain HTTP stays on loopback unless {@code
 * insecure-http-bind} says otherwise, and an operator keystore comes with its password.
 */
final class HttpsChecks {
  // An IPv4 or IPv6 literal: resolved without asking DNS.
  private static final Pattern IP_LITERAL =
      Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F.%]*:[0-9a-fA-F:.%]*\\]?");

  private HttpsChecks() {}

  static List<String> validate(HubConfig config) {
    List<String> errors = new ArrayList<>();
    HttpsSettings https = config.https();
    if (https.insecureHttpBind().isEmpty() && !isLoopback(config.httpHost())) {
      errors.add(
          "http-host: '"
              + config.httpHost()
              + "' is not a loopback address; plain HTTP listens only on loopback (the API is"
              + " on HTTPS, https-host). To serve plain HTTP there anyway, say insecure-http-bind "
              + config.httpHost());
    }
    if (https.insecureHttpBind().isPresent() && https.insecureHttpBind().get().isBlank()) {
      errors.add("insecure-http-bind: must not be empty");
    }
    if (https.host().isBlank()) {
      errors.add("https-host: must not be empty");
    }
    if (https.keystore().isPresent()) {
      readable(errors, HubConfigLoader.HTTPS_KEYSTORE, https.keystore());
      if (https.keystorePasswordFile().isEmpty()) {
        errors.add("https-keystore-password-file: required with https-keystore");
      } else {
        readable(
            errors, HubConfigLoader.HTTPS_KEYSTORE_PASSWORD_FILE, https.keystorePasswordFile());
      }
    } else if (https.keystorePasswordFile().isPresent()) {
      errors.add("https-keystore-password-file: only with https-keystore");
    }
    return errors;
  }

  /** Whether {@code host} is {@code localhost} or a loopback IP literal (no DNS look-up). */
  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!IP_LITERAL.matcher(host).matches()) {
      return false;
    }
    try {
      String bare =
          host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static void readable(List<String> errors, String key, Optional<Path> file) {
    if (!Files.isReadable(file.orElseThrow())) {
      errors.add(key + ": cannot read " + file.get());
    }
  }
}
