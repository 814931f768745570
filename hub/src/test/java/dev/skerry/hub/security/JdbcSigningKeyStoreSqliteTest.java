package dev.skerry.hub.security;

import dev.skerry.hub.store.SqliteHubStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on SQLite, with the schema the hub store's migrations make. */
class JdbcSigningKeyStoreSqliteTest extends SigningKeyStoreContract {
  @TempDir Path dir;

  @Override
  SigningKeyStore open() {
    String url = "jdbc:sqlite:" + dir.resolve("hub.db");
    SqliteHubStore.open(url).close();
    return JdbcSigningKeyStore.open(url);
  }
}
