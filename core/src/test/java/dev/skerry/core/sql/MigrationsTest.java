package dev.skerry.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The runner against a real SQLite file, with both ways of recording the version. */
class MigrationsTest {
  @TempDir Path dir;

  static List<SchemaVersion> versions() {
    return List.of(SchemaVersion.sqliteUserVersion(), SchemaVersion.table());
  }

  @ParameterizedTest
  @MethodSource("versions")
  void appliesEveryMigrationInOrderOnceAndRecordsTheVersion(SchemaVersion version)
      throws Exception {
    Migrations migrations = Migrations.discover(MigrationsTest.class, "migrations/good");
    try (Connection c = connect()) {
      assertThat(migrations.apply(c, version))
          .extracting(Migration::fileName)
          .containsExactly("V1__a.sql", "V2__b.sql");
      assertThat(migrations.apply(c, version)).isEmpty();
      assertThat(version.read(c)).isEqualTo(2);
      assertThat(count(c, "SELECT COUNT(*) FROM a")).isEqualTo(1);
      assertThat(count(c, "SELECT COUNT(*) FROM b")).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("versions")
  void refusesADatabaseANewerBuildWrote(SchemaVersion version) throws Exception {
    try (Connection c = connect()) {
      version.read(c);
      version.write(c, 7);

      assertThatThrownBy(
              () -> Migrations.discover(MigrationsTest.class, "migrations/good").apply(c, version))
          .isInstanceOf(SchemaTooNewException.class)
          .hasMessageContaining("schema version 7")
          .hasMessageContaining("knows only up to 2");
      assertThat(version.read(c)).isEqualTo(7);
    }
  }

  @ParameterizedTest
  @MethodSource("versions")
  void aFailingMigrationLeavesThePreviousVersionIntact(SchemaVersion version) throws Exception {
    Migrations broken =
        Migrations.of(
            List.of(
                new Migration(1, "V1__a.sql", "CREATE TABLE a (x INTEGER);\n"),
                new Migration(2, "V2__bad.sql", "CREATE TABLE b (y);\nNOT SQL AT ALL;\n")));
    try (Connection c = connect()) {
      assertThatThrownBy(() -> broken.apply(c, version)).isInstanceOf(SQLException.class);

      assertThat(version.read(c)).isEqualTo(1);
      assertThat(count(c, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'")).isZero();
      assertThat(c.getAutoCommit()).isTrue();
    }
  }

  @Test
  void refusesAFolderWithAGapInTheNumbers() {
    assertThatThrownBy(() -> Migrations.discover(MigrationsTest.class, "migrations/gap"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("V2 is missing");
  }

  @Test
  void refusesAFolderWithoutMigrations() {
    assertThatThrownBy(() -> Migrations.discover(MigrationsTest.class, "migrations/none"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no V<n>__*.sql migrations");
  }

  @Test
  void findsTheMigrationsInTheOwnersJar() throws Exception {
    Path jar = dir.resolve("owner.jar");
    String anchor = Anchor.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        InputStream cls = MigrationsTest.class.getClassLoader().getResourceAsStream(anchor)) {
      put(out, anchor, cls.readAllBytes());
      put(out, "db/V1__init.sql", "CREATE TABLE t (x);\n".getBytes(StandardCharsets.UTF_8));
      put(out, "db/V2__more.sql", "CREATE TABLE u (x);\n".getBytes(StandardCharsets.UTF_8));
      put(out, "db/other/V3__elsewhere.sql", new byte[0]);
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      Class<?> owner = loader.loadClass(Anchor.class.getName());

      assertThat(Migrations.discover(owner, "db").scripts())
          .extracting(Migration::version, Migration::fileName)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1, "V1__init.sql"),
              org.assertj.core.groups.Tuple.tuple(2, "V2__more.sql"));
    }
  }

  @Test
  void splitsScriptsOnSemicolonsAtLineEndsAndDropsCommentLines() {
    assertThat(Migrations.statements("-- c;\nCREATE TABLE a (x);\n\nCREATE TABLE b (y);"))
        .containsExactly("CREATE TABLE a (x)", "CREATE TABLE b (y)");
  }

  private static void put(JarOutputStream out, String name, byte[] bytes) throws Exception {
    out.putNextEntry(new JarEntry(name));
    out.write(bytes);
    out.closeEntry();
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("test.db"));
  }

  private static int count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.getInt(1);
    }
  }

  /** A class with no dependencies, loaded from a test jar to stand in for a module's code. */
  public static final class Anchor {}
}
