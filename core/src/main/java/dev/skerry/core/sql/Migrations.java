package dev.skerry.core.sql;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Numbered schema migrations, applied in order, each in its own transaction together with the new
 * version number, so a crash mid-migration leaves the previous version intact. A database whose
 * version is above the newest migration is refused ({@link SchemaTooNewException}): the agent and
 * the hub behave the same way, on SQLite and on PostgreSQL. JDBC only; the driver is the caller's.
 *
 * <p>Scripts are {@code V<n>__<name>.sql} files in one resource folder, numbered 1, 2, 3... with no
 * gap. Append a new file, never edit a shipped one.
 */
public final class Migrations {
  private static final Pattern FILE = Pattern.compile("V([1-9][0-9]*)__[^/]+\\.sql");

  private final List<Migration> scripts;

  private Migrations(List<Migration> scripts) {
    this.scripts = List.copyOf(scripts);
  }

  /** Given scripts; their versions must be 1..n in order. */
  public static Migrations of(List<Migration> scripts) {
    for (int i = 0; i < scripts.size(); i++) {
      if (scripts.get(i).version() != i + 1) {
        throw new IllegalArgumentException(
            "migration " + scripts.get(i).fileName() + " is not number " + (i + 1));
      }
    }
    return new Migrations(scripts);
  }

  /**
   * The {@code V<n>__*.sql} files in {@code folder} of the jar or class directory {@code owner} was
   * loaded from. Looking in the owner's own code source, not the whole class path, means another
   * module's folder of the same name is never mixed in.
   *
   * @throws IllegalStateException if the folder holds none, two of one number, or a gap
   */
  public static Migrations discover(Class<?> owner, String folder) {
    Map<Integer, Migration> found = new TreeMap<>();
    load(owner, folder)
        .forEach(
            (name, script) -> {
              int version = Integer.parseInt(FILE.matcher(name).replaceFirst("$1"));
              Migration clash = found.put(version, new Migration(version, name, script));
              if (clash != null) {
                throw new IllegalStateException(
                    "two migrations numbered "
                        + version
                        + " in "
                        + folder
                        + ": "
                        + clash.fileName()
                        + ", "
                        + name);
              }
            });
    if (found.isEmpty()) {
      throw new IllegalStateException("no V<n>__*.sql migrations in " + folder);
    }
    List<Migration> scripts = new ArrayList<>();
    for (Migration m : found.values()) {
      if (m.version() != scripts.size() + 1) {
        throw new IllegalStateException(
            "migration V" + (scripts.size() + 1) + " is missing from " + folder);
      }
      scripts.add(m);
    }
    return new Migrations(scripts);
  }

  public List<Migration> scripts() {
    return scripts;
  }

  /** The version a database has once {@link #apply} returns. */
  public int latest() {
    return scripts.size();
  }

  /**
   * Brings the schema to {@link #latest()}; returns the migrations it ran (none when up to date),
   * for the caller to log.
   *
   * @throws SchemaTooNewException if the database is newer than this build
   */
  public List<Migration> apply(Connection connection, SchemaVersion version) throws SQLException {
    int current = version.read(connection);
    if (current > latest()) {
      throw new SchemaTooNewException(current, latest());
    }
    List<Migration> applied = new ArrayList<>();
    for (Migration m : scripts.subList(current, scripts.size())) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (Statement st = connection.createStatement()) {
        for (String sql : statements(m.script())) {
          st.execute(sql);
        }
        version.write(connection, m.version());
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
      applied.add(m);
    }
    return applied;
  }

  /**
   * Splits a script on semicolons at line ends, dropping whole-line {@code --} comments; the
   * scripts hold no triggers or literals with such semicolons.
   */
  public static List<String> statements(String script) {
    StringBuilder clean = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        clean.append(line).append('\n');
      }
    }
    return Arrays.stream(clean.toString().split(";\\s*\n"))
        .map(String::strip)
        .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** File name to text of each {@code V<n>__*.sql} directly in {@code folder}. */
  private static Map<String, String> load(Class<?> owner, String folder) {
    CodeSource source = owner.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException("cannot tell where " + owner.getName() + " was loaded from");
    }
    Map<String, String> scripts = new TreeMap<>();
    try {
      Path where = Path.of(source.getLocation().toURI());
      if (Files.isDirectory(where)) {
        Path dir = where.resolve(folder);
        if (Files.isDirectory(dir)) {
          try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
              String name = file.getFileName().toString();
              if (FILE.matcher(name).matches()) {
                scripts.put(name, Files.readString(file, StandardCharsets.UTF_8));
              }
            }
          }
        }
        return scripts;
      }
      String prefix = folder + "/";
      try (JarFile jar = new JarFile(where.toFile())) {
        for (JarEntry entry : jar.stream().toList()) {
          String name = entry.getName();
          if (name.startsWith(prefix) && FILE.matcher(name.substring(prefix.length())).matches()) {
            try (InputStream in = jar.getInputStream(entry)) {
              scripts.put(
                  name.substring(prefix.length()),
                  new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
          }
        }
      }
      return scripts;
    } catch (IOException | URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot read the migrations in " + folder + ": " + e, e);
    }
  }
}
