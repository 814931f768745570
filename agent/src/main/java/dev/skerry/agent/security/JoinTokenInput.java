package dev.skerry.agent.security;

import dev.skerry.core.identity.JoinToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The join token of {@code --join-token} or {@code --join-token-file}. */
public final class JoinTokenInput {
  private JoinTokenInput() {}

  /** The token given, or null if none; the file is read only when needed. */
  public static JoinToken resolve(String text, Path file) {
    if (text != null) {
      return JoinToken.parse(text);
    }
    if (file == null) {
      return null;
    }
    try {
      return JoinToken.parse(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("join-token-file: cannot read " + file, e);
    }
  }
}
