package dev.skerry.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {
  @TempDir Path dir;

  @Test
  void createsARandomOwnerOnlyTokenFileWhenMissing() throws Exception {
    Path file = dir.resolve("sub/admin.token");

    AdminToken token = AdminToken.loadOrCreate(file);

    String text = Files.readString(file).trim();
    assertThat(text).matches("[0-9a-f]{64}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(token.matches(text)).isTrue();
    assertThat(AdminToken.loadOrCreate(dir.resolve("other.token")).matches(text)).isFalse();
  }

  @Test
  void keepsAnExistingToken() throws Exception {
    Path file = dir.resolve("admin.token");
    Files.writeString(file, "s3cret\n");

    AdminToken token = AdminToken.loadOrCreate(file);

    assertThat(token.matches("s3cret")).isTrue();
    assertThat(Files.readString(file)).isEqualTo("s3cret\n");
  }

  @Test
  void rejectsWrongMissingAndPrefixTokens() {
    AdminToken token = AdminToken.of("s3cret");

    assertThat(token.matches(null)).isFalse();
    assertThat(token.matches("")).isFalse();
    assertThat(token.matches("s3cre")).isFalse();
    assertThat(token.matches("s3cret2")).isFalse();
  }
}
