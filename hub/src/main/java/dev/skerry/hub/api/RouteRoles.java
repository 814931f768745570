package dev.skerry.hub.api;

import dev.skerry.hub.access.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one table of who may call which route: each API route with the least role it needs, or {@link
 * #PUBLIC} for the three that take no bearer credential (enrollment carries a join token, login a
 * password, an expired device's renewal request its old certificate and a CSR signed by its key).
 * {@link RestServer} refuses to start when a route it serves is missing here. Pure.
 */
public final class RouteRoles {
  /** What a route needs: a role, or nothing ({@code role} empty: public). */
  public record Rule(String method, String path, Optional<Role> role) {
    public Rule {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(role, "role");
    }

    boolean matches(String requestMethod, String requestPath) {
      if (!method.equals(requestMethod)) {
        return false;
      }
      String[] want = path.split("/", -1);
      String[] got = requestPath.split("/", -1);
      if (want.length != got.length) {
        return false;
      }
      for (int i = 0; i < want.length; i++) {
        boolean parameter = want[i].startsWith(":") && !got[i].isEmpty();
        if (!parameter && !want[i].equals(got[i])) {
          return false;
        }
      }
      return true;
    }
  }

  /** Marks a route that needs no credential. */
  static final Optional<Role> PUBLIC = Optional.empty();

  private static final List<Rule> RULES = new ArrayList<>();

  static {
    // Public: the join token or the password is the credential.
    rule("POST", "/api/v1/enroll", PUBLIC);
    rule("POST", "/api/v1/login", PUBLIC);
    rule("POST", "/api/v1/renewals", PUBLIC);
    // Any signed-in user: themselves and their own tokens (a token carries its user's role).
    rule("POST", "/api/v1/logout", Role.VIEWER);
    rule("GET", "/api/v1/whoami", Role.VIEWER);
    rule("GET", "/api/v1/tokens", Role.VIEWER);
    rule("POST", "/api/v1/tokens", Role.VIEWER);
    rule("DELETE", "/api/v1/tokens/:id", Role.VIEWER);
    // Viewer: reads everything but secrets and logs.
    rule("GET", "/api/v1/devices", Role.VIEWER);
    rule("GET", "/api/v1/devices/:id", Role.VIEWER);
    rule("GET", "/api/v1/devices/:id/events", Role.VIEWER);
    rule("GET", "/api/v1/devices/:id/identity", Role.VIEWER);
    rule("GET", "/api/v1/signing-keys", Role.VIEWER);
    rule("GET", "/api/v1/deployments", Role.VIEWER);
    rule("GET", "/api/v1/deployments/:name", Role.VIEWER);
    rule("GET", "/api/v1/deployments/:name/revisions", Role.VIEWER);
    // Operator: changes workloads, reads logs and the audit trail.
    rule("PUT", "/api/v1/devices/:id/labels", Role.OPERATOR);
    rule("POST", "/api/v1/deployments", Role.OPERATOR);
    rule("PUT", "/api/v1/deployments/:name", Role.OPERATOR);
    rule("DELETE", "/api/v1/deployments/:name", Role.OPERATOR);
    rule("POST", "/api/v1/deployments/:name/pause", Role.OPERATOR);
    rule("POST", "/api/v1/deployments/:name/resume", Role.OPERATOR);
    rule("POST", "/api/v1/deployments/:name/rollback", Role.OPERATOR);
    rule("POST", "/api/v1/devices/:id/workloads/:name/restart", Role.OPERATOR);
    rule("GET", "/api/v1/devices/:id/workloads/:name/logs", Role.OPERATOR);
    rule("DELETE", "/api/v1/devices/:id/volumes/:name", Role.OPERATOR);
    rule("GET", "/api/v1/audit", Role.OPERATOR);
    // Admin: users, join tokens, revocation, renewal approval, signing keys.
    rule("GET", "/api/v1/users", Role.ADMIN);
    rule("POST", "/api/v1/users", Role.ADMIN);
    rule("DELETE", "/api/v1/users/:name", Role.ADMIN);
    rule("POST", "/api/v1/join-tokens", Role.ADMIN);
    rule("POST", "/api/v1/devices/:id/revoke", Role.ADMIN);
    rule("GET", "/api/v1/renewals", Role.ADMIN);
    rule("POST", "/api/v1/renewals/:id/approve", Role.ADMIN);
    rule("POST", "/api/v1/signing-keys/rotate", Role.ADMIN);
  }

  private RouteRoles() {}

  private static void rule(String method, String path, Role role) {
    rule(method, path, Optional.of(role));
  }

  private static void rule(String method, String path, Optional<Role> role) {
    RULES.add(new Rule(method, path, role));
  }

  /** Every rule, in table order. */
  public static List<Rule> all() {
    return List.copyOf(RULES);
  }

  /** The rule for a request; empty for a route the table does not know (the router answers 404). */
  public static Optional<Rule> find(String method, String path) {
    return RULES.stream().filter(r -> r.matches(method, path)).findFirst();
  }

  /** The rule declared for exactly this route template. */
  public static Optional<Rule> declared(String method, String template) {
    return RULES.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(template))
        .findFirst();
  }

  /**
   * The routes ({@code "METHOD /path"}) among {@code served} that have no rule: what must be empty
   * before the API may serve.
   */
  public static List<String> missing(List<String> served) {
    return served.stream()
        .filter(
            s -> {
              String[] parts = s.split(" ", 2);
              return declared(parts[0], parts[1]).isEmpty();
            })
        .toList();
  }
}
