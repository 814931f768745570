package dev.skerry.agent.runtime;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Container output files, {@code <data-dir>/logs/<container id>.log}, appended by the shim with
 * O_APPEND, and one rotated file {@code .log.1}. Blocking file I/O: call from a worker thread.
 */
public final class LogFiles {
  private static final int CHUNK = 8192;

  private LogFiles() {}

  /** The log of the workload's newest container ({@code <workload>.r<n>.log}), if any. */
  public static Optional<Path> current(Path logsDir, String workload) throws IOException {
    if (!Files.isDirectory(logsDir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(logsDir)) {
      return files
          .filter(
              p -> {
                String name = p.getFileName().toString();
                return name.startsWith(workload + ".r") && name.endsWith(".log");
              })
          .max(Comparator.comparing(LogFiles::modified));
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * The last {@code n} lines of {@code log}, continuing into {@code log.1} when {@code log} has
   * fewer. Reads backwards from the end in chunks, so only what is shown is read.
   */
  public static List<String> tail(Path log, int n) throws IOException {
    Deque<String> lines = new ArrayDeque<>();
    readBackwards(log, n, lines);
    if (lines.size() < n) {
      Deque<String> older = new ArrayDeque<>();
      readBackwards(rotated(log), n - lines.size(), older);
      older.descendingIterator().forEachRemaining(lines::addFirst);
    }
    return new ArrayList<>(lines);
  }

  /** Puts up to {@code n} lines from the end of {@code file} at the front of {@code lines}. */
  private static void readBackwards(Path file, int n, Deque<String> lines) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      long pos = length;
      byte[] pending = new byte[0]; // the end of a line whose start is in an earlier chunk
      while (pos > 0 && lines.size() < n) {
        int size = (int) Math.min(CHUNK, pos);
        pos -= size;
        byte[] chunk = new byte[size];
        raf.seek(pos);
        raf.readFully(chunk);
        int end = size;
        if (pos + size == length && chunk[end - 1] == '\n') {
          end--; // the trailing newline ends the last line; it does not start an empty one
        }
        for (int i = end - 1; i >= 0 && lines.size() < n; i--) {
          if (chunk[i] == '\n') {
            lines.addFirst(text(concat(slice(chunk, i + 1, end), pending)));
            pending = new byte[0];
            end = i;
          }
        }
        pending = concat(slice(chunk, 0, end), pending);
      }
      if (pos == 0 && lines.size() < n && pending.length > 0) {
        lines.addFirst(text(pending)); // the file's first line
      }
    }
  }

  private static String text(byte[] line) {
    return new String(line, StandardCharsets.UTF_8);
  }

  private static byte[] slice(byte[] b, int from, int to) {
    byte[] out = new byte[to - from];
    System.arraycopy(b, from, out, 0, to - from);
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    if (b.length == 0) {
      return a;
    }
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static Path rotated(Path log) {
    return log.resolveSibling(log.getFileName() + ".1");
  }

  /**
   * Rotates every log in {@code logsDir} larger than {@code maxBytes}: copies it to {@code .1} and
   * truncates it in place. Safe with the shim's O_APPEND writes, which then continue at the new
   * end; a line written between copy and truncate may be lost. Returns how many were rotated.
   */
  public static int rotate(Path logsDir, long maxBytes) throws IOException {
    if (!Files.isDirectory(logsDir)) {
      return 0;
    }
    int rotated = 0;
    try (Stream<Path> files = Files.list(logsDir)) {
      for (Path log : files.filter(p -> p.toString().endsWith(".log")).toList()) {
        if (Files.size(log) > maxBytes) {
          Files.copy(log, rotated(log), StandardCopyOption.REPLACE_EXISTING);
          try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(0);
          }
          rotated++;
        }
      }
    }
    return rotated;
  }
}
