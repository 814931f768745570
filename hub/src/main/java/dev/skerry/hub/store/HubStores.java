package dev.skerry.hub.store;

/** Opens the store a JDBC URL names. */
public final class HubStores {
  private HubStores() {}

  /** {@code jdbc:postgresql:...} opens PostgreSQL, anything else SQLite. */
  public static HubStore open(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:postgresql:")
        ? PostgresHubStore.open(jdbcUrl)
        : SqliteHubStore.open(jdbcUrl);
  }
}
