package dev.skerry.agent.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skerry.core.spec.ImageReference;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authentication with registries: a GET that answers one Basic or Bearer challenge with the login
 * configured for the registry (anonymous otherwise), and remembers the Authorization that worked
 * per repository so that the next request sends it at once. Bearer tokens come from the challenge's
 * realm (Docker's token authentication specification).
 */
final class RegistryAuth {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryHttp http;
  private final Map<String, RegistryAccess> access;
  private final Map<String, String> authorizations = new ConcurrentHashMap<>();

  RegistryAuth(RegistryHttp http, Map<String, RegistryAccess> access) {
    this.http = http;
    this.access = Map.copyOf(access);
  }

  RegistryAccess accessFor(String registry) {
    return access.getOrDefault(registry, RegistryAccess.NONE);
  }

  /** GET answering one Basic or Bearer challenge and following redirects. */
  BlobReader get(ImageReference ref, String url, MultiMap headers, String what) {
    String scopeKey = ref.registry() + "/" + ref.repository();
    String authority = URI.create(url).getAuthority();
    BlobReader reply = http.get(url, headers, authority, authorizations.get(scopeKey), what);
    if (reply.status() != 401) {
      return reply;
    }
    String header = reply.header("WWW-Authenticate");
    reply.close();
    RegistryAccess login = accessFor(ref.registry());
    String authorization;
    BearerChallenge challenge = BearerChallenge.parse(header);
    if (challenge != null) {
      authorization = "Bearer " + token(challenge, ref, login);
    } else if (header != null && header.strip().toLowerCase(Locale.ROOT).startsWith("basic")) {
      if (!login.hasLogin()) {
        throw unauthorized(ref, login, "it asks for a login and none is configured");
      }
      authorization = login.basicAuthorization(ref.registry());
    } else {
      throw unauthorized(ref, login, "no Basic or Bearer challenge");
    }
    authorizations.put(scopeKey, authorization);
    BlobReader again = http.get(url, headers, authority, authorization, what);
    if (again.status() == 401 || again.status() == 403) {
      again.close();
      authorizations.remove(scopeKey, authorization);
      throw unauthorized(
          ref, login, challenge != null ? "token refused" : "HTTP " + again.status());
    }
    return again;
  }

  /** A token from the challenge's realm, asked with the registry's login if one is configured. */
  private String token(BearerChallenge challenge, ImageReference ref, RegistryAccess login) {
    String scope =
        challenge.scope() != null ? challenge.scope() : "repository:" + ref.repository() + ":pull";
    StringBuilder url = new StringBuilder(challenge.realm());
    url.append(challenge.realm().contains("?") ? '&' : '?');
    if (challenge.service() != null) {
      url.append("service=").append(encode(challenge.service())).append('&');
    }
    url.append("scope=").append(encode(scope));
    String realmHost = realmAuthority(challenge.realm(), ref, login);
    String basic = login.hasLogin() ? login.basicAuthorization(ref.registry()) : null;
    BlobReader reply =
        http.get(url.toString(), MultiMap.caseInsensitiveMultiMap(), realmHost, basic, "token");
    if (reply.status() != 200) {
      reply.close();
      throw unauthorized(ref, login, "token endpoint answered HTTP " + reply.status());
    }
    try {
      JsonNode json = JSON.readTree(reply.readAll("token"));
      String token = json.path("token").asText(json.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw unauthorized(ref, login, "token endpoint gave no token");
      }
      return token;
    } catch (IOException e) {
      throw unauthorized(ref, login, "unreadable token answer");
    }
  }

  /**
   * The host of a token realm, which must be an absolute http(s) URL: the registry names it, so a
   * broken or hostile registry gets a clear refusal, not an {@link IllegalArgumentException}.
   */
  private static String realmAuthority(String realm, ImageReference ref, RegistryAccess login) {
    URI uri;
    try {
      uri = new URI(realm);
    } catch (java.net.URISyntaxException e) {
      throw unauthorized(ref, login, "the token realm is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
      throw unauthorized(ref, login, "the token realm is not an http(s) URL with a host");
    }
    return uri.getAuthority();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Names the registry and the user, never the password. */
  static RegistryException unauthorized(ImageReference ref, RegistryAccess login, String why) {
    String who =
        login.hasLogin() ? "the login of user '" + login.username() + "'" : "an anonymous pull";
    return RegistryException.permanentFailure(
        RegistryErrors.UNAUTHORIZED,
        "registry " + ref.registry() + " refused " + who + " for " + ref.repository() + ": " + why,
        null);
  }
}
