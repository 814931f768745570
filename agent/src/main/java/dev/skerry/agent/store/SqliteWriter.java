package dev.skerry.agent.store;

import dev.skerry.core.concurrent.NamedThreads;
import dev.skerry.core.concurrent.RunsOn;
import dev.skerry.core.sql.Migration;
import dev.skerry.core.sql.Migrations;
import dev.skerry.core.sql.SchemaVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * One SQLite connection owned by one thread ({@code skerry-store}): every write is a transaction
 * ordered behind the previous one, and reads run on the same thread so they never see a
 * half-applied write. WAL, {@code synchronous=FULL} (a stored document survives a power cut),
 * foreign keys on.
 */
final class SqliteWriter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SqliteWriter.class.getName());
  private final ExecutorService thread;
  private final Connection connection;

  private SqliteWriter(ExecutorService thread, Connection connection) {
    this.thread = thread;
    this.connection = connection;
  }

  /** Opens {@code file}, creating and migrating it if needed. */
  static SqliteWriter open(Path file) {
    ExecutorService thread =
        Executors.newSingleThreadExecutor(NamedThreads.factory("skerry-store", true));
    try {
      return new SqliteWriter(thread, thread.submit(() -> connect(file)).get());
    } catch (Exception e) {
      thread.shutdownNow();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw SqliteErrors.translate("cannot open " + file, cause);
    }
  }

  @RunsOn("skerry-store")
  private static Connection connect(Path file) throws Exception {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try {
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=FULL");
        st.execute("PRAGMA foreign_keys=ON");
        st.execute("PRAGMA busy_timeout=5000");
      }
      quickCheck(c);
      for (Migration m : migrations().apply(c, SchemaVersion.sqliteUserVersion())) {
        LOG.info("applied migration db/" + m.fileName());
      }
      return c;
    } catch (Exception e) {
      c.close();
      throw e;
    }
  }

  /** The schema scripts shipped in this jar's {@code db/} folder; the version is user_version. */
  static Migrations migrations() {
    return Migrations.discover(SqliteWriter.class, "db");
  }

  /**
   * A truncated or partly overwritten file can open without error and fail only on the page a later
   * read touches; {@code quick_check} reads every page once (milliseconds for our size).
   */
  private static void quickCheck(Connection c) throws SQLException {
    StringBuilder problems = new StringBuilder();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA quick_check(5)")) {
      while (rs.next()) {
        String line = rs.getString(1);
        if (!"ok".equals(line)) {
          problems.append(problems.length() == 0 ? "" : "; ").append(line);
        }
      }
    }
    if (problems.length() > 0) {
      throw new StoreCorrupt("integrity check failed: " + problems, null);
    }
  }

  /** Work on the connection; runs on the writer thread. */
  @FunctionalInterface
  interface Work<T> {
    @RunsOn("skerry-store")
    T run(Connection c) throws Exception;
  }

  /** Runs {@code work} in one transaction on the writer thread; completes once committed. */
  <T> CompletableFuture<T> write(Work<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      thread.execute(() -> transaction(work, result));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new StoreFailure("agent.db is closed", e));
    }
    return result;
  }

  private <T> void transaction(Work<T> work, CompletableFuture<T> result) {
    try {
      connection.setAutoCommit(false);
      T value = work.run(connection);
      connection.commit();
      result.complete(value);
    } catch (Exception e) {
      try {
        connection.rollback();
      } catch (SQLException ignored) {
        // The original failure is what matters; SQLite rolls back on close anyway.
      }
      result.completeExceptionally(SqliteErrors.translate("agent.db write failed", e));
    } finally {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        result.completeExceptionally(new StoreFailure("agent.db reset failed", e));
      }
    }
  }

  /** Runs {@code work} on the writer thread and waits for it: never from an event loop. */
  <T> T read(Work<T> work) {
    try {
      return CompletableFuture.supplyAsync(
              () -> {
                try {
                  return work.run(connection);
                } catch (Exception e) {
                  throw new CompletionException(e);
                }
              },
              thread)
          .join();
    } catch (CompletionException | RejectedExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw SqliteErrors.translate("agent.db read failed", cause);
    }
  }

  @Override
  public void close() {
    try {
      thread
          .submit(
              () -> {
                connection.close();
                return null;
              })
          .get();
    } catch (Exception e) {
      throw new StoreFailure("closing agent.db failed", e);
    } finally {
      thread.shutdown();
    }
  }
}
