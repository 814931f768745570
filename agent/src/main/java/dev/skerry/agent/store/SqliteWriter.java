package dev.skerry.agent.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * One SQLite connection owned by one thread ({@code skerry-store}): every write is a transaction
 * ordered behind the previous one, and reads run on the same thread so they never see a
 * half-applied write. WAL, {@code synchronous=FULL} (a stored document survives a power cut),
 * foreign keys on.
 */
final class SqliteWriter implements AutoCloseable {
  private final ExecutorService thread;
  private final Connection connection;

  private SqliteWriter(ExecutorService thread, Connection connection) {
    this.thread = thread;
    this.connection = connection;
  }

  /** Opens {@code file}, creating and migrating it if needed. */
  static SqliteWriter open(Path file) {
    ExecutorService thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "skerry-store");
              t.setDaemon(true);
              return t;
            });
    try {
      return new SqliteWriter(thread, thread.submit(() -> connect(file)).get());
    } catch (Exception e) {
      thread.shutdownNow();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new StoreFailure("cannot open " + file + ": " + cause, cause);
    }
  }

  private static Connection connect(Path file) throws Exception {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement st = c.createStatement()) {
      st.execute("PRAGMA journal_mode=WAL");
      st.execute("PRAGMA synchronous=FULL");
      st.execute("PRAGMA foreign_keys=ON");
      st.execute("PRAGMA busy_timeout=5000");
    }
    Migrations.apply(c);
    return c;
  }

  /** Work on the connection; runs on the writer thread. */
  @FunctionalInterface
  interface Work<T> {
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
      result.completeExceptionally(new StoreFailure("agent.db write failed: " + e, e));
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
      throw new StoreFailure("agent.db read failed: " + cause, cause);
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
