package dev.skerry.agent.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Opens {@code agent.db}, and if it is damaged, moves it aside ({@code agent.db.corrupt-<time>},
 * with its {@code -wal} and {@code -shm}) and starts a fresh, empty store instead of failing: a
 * crash-looping agent helps nobody, while a fresh store is refilled by the hub's retained desired
 * document on the next connect. A fresh store holds revision 0, and the planner does nothing before
 * the first document is stored, so the running containers are left alone meanwhile.
 *
 * <p>Other failures (permissions, a database from a newer agent) are not corruption and still stop
 * start-up: moving such a file aside would lose good data.
 */
public final class StoreRecovery {
  private static final Logger LOG = Logger.getLogger(StoreRecovery.class.getName());
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** What was found and where the damaged file went. */
  public record Recovered(Instant at, String reason, Path movedTo) {}

  /** The store to use, and the recovery if one happened. */
  public record Opened(AgentStores stores, Optional<Recovered> recovered) {}

  private StoreRecovery() {}

  public static Opened open(Path dataDir, Clock clock) {
    return open(dataDir, clock, SqliteStores.DEFAULT_MAX_OUTBOX, null);
  }

  /** Opens with an outbox of {@code maxOutbox} entries, queueing events through {@code encoder}. */
  public static Opened open(Path dataDir, Clock clock, int maxOutbox, EventEncoder encoder) {
    try {
      return new Opened(
          SqliteStores.open(dataDir, clock, maxOutbox, SqliteStores.DEFAULT_MAX_EVENTS, encoder),
          Optional.empty());
    } catch (StoreCorrupt e) {
      Instant at = clock.instant();
      Path aside = moveAside(dataDir, at);
      String reason = rootMessage(e);
      LOG.severe(
          "agent.db is damaged ("
              + reason
              + "); moved it to "
              + aside
              + " and started a fresh store; running containers are left alone until the hub"
              + " sends the desired state again");
      AgentStores fresh =
          SqliteStores.open(dataDir, clock, maxOutbox, SqliteStores.DEFAULT_MAX_EVENTS, encoder);
      fresh
          .events()
          .logEvent(
              null, "store-recovered", "agent.db was damaged (" + reason + "), moved to " + aside)
          .join();
      return new Opened(fresh, Optional.of(new Recovered(at, reason, aside)));
    }
  }

  private static Path moveAside(Path dataDir, Instant at) {
    Path db = dataDir.resolve(SqliteStores.FILE_NAME);
    Path target = dataDir.resolve(SqliteStores.FILE_NAME + ".corrupt-" + STAMP.format(at));
    for (int n = 1; Files.exists(target); n++) {
      target = dataDir.resolve(SqliteStores.FILE_NAME + ".corrupt-" + STAMP.format(at) + "-" + n);
    }
    List<String> suffixes = new ArrayList<>(List.of("", "-wal", "-shm"));
    try {
      for (String suffix : suffixes) {
        Path from = Path.of(db + suffix);
        if (Files.exists(from)) {
          Files.move(from, Path.of(target + suffix), StandardCopyOption.ATOMIC_MOVE);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the damaged agent.db aside", e);
    }
    return target;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.toString() : m;
  }
}
