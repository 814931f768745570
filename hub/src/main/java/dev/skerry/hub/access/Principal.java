package dev.skerry.hub.access;

import java.util.Objects;

/**
 * Who is calling, once their credential checked out: the user (or {@code admin-token} for the token
 * file), their role, and the credential used ({@code session}, {@code token:NAME} or {@code
 * admin-token}) — what the audit trail records.
 */
public record Principal(String user, Role role, String credential) {
  /** The name of the hub's admin token file as an actor. */
  public static final String ADMIN_TOKEN = "admin-token";

  public Principal {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(credential, "credential");
  }

  /** The holder of the admin token file: an admin with no user behind it. */
  public static Principal adminToken() {
    return new Principal(ADMIN_TOKEN, Role.ADMIN, ADMIN_TOKEN);
  }

  /** True for the admin token file's holder. */
  public boolean isAdminToken() {
    return ADMIN_TOKEN.equals(credential);
  }
}
