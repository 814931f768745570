package dev.skerry.hub.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A uniquely named database on the test PostgreSQL ({@code SKERRY_TEST_PG_URL}, default the local
 * server as {@code postgres} with trust auth), created on construction and dropped on close. An
 * unreachable server fails the test, it does not skip it.
 */
public final class TestPostgres implements AutoCloseable {
  private static final String ADMIN_URL =
      System.getenv()
          .getOrDefault(
              "SKERRY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

  private final String name = "skerry_test_" + UUID.randomUUID().toString().replace("-", "");

  public TestPostgres() {
    admin("CREATE DATABASE " + name);
  }

  /** The JDBC URL of this test's database. */
  public String url() {
    return ADMIN_URL.replaceFirst("/postgres\\?", "/" + name + "?");
  }

  @Override
  public void close() {
    // FORCE: a store a failed test did not close must not keep the database alive.
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void admin(String sql) {
    try (Connection c = DriverManager.getConnection(ADMIN_URL);
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new AssertionError(
          "the test PostgreSQL at "
              + JdbcUrls.redact(ADMIN_URL)
              + " is needed (set SKERRY_TEST_PG_URL): "
              + e.getMessage(),
          e);
    }
  }
}
