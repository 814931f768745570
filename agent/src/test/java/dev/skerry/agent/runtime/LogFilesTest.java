package dev.skerry.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {
  @TempDir Path dir;

  private static String lines(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> "line " + i + " " + "x".repeat(i % 50) + "\n")
        .collect(Collectors.joining());
  }

  private static List<String> expected(int from, int to) {
    return lines(from, to).lines().toList();
  }

  @Test
  void tailsTheLastLinesAcrossChunkBoundaries() throws Exception {
    Path log = Files.writeString(dir.resolve("web.r1.log"), lines(1, 5000));
    assertThat(LogFiles.tail(log, 3)).isEqualTo(expected(4998, 5000));
    assertThat(LogFiles.tail(log, 1000)).isEqualTo(expected(4001, 5000));
    assertThat(LogFiles.tail(log, 10000)).isEqualTo(expected(1, 5000));
  }

  @Test
  void keepsAnUnfinishedLastLineAndEmptyLines() throws Exception {
    Path log = Files.writeString(dir.resolve("web.r1.log"), "a\n\nb\npartial");
    assertThat(LogFiles.tail(log, 10)).containsExactly("a", "", "b", "partial");
    assertThat(LogFiles.tail(log, 2)).containsExactly("b", "partial");
  }

  @Test
  void continuesIntoTheRotatedFile() throws Exception {
    Path log = Files.writeString(dir.resolve("web.r1.log"), lines(101, 110));
    Files.writeString(dir.resolve("web.r1.log.1"), lines(1, 100));
    assertThat(LogFiles.tail(log, 15)).isEqualTo(expected(96, 110));
    assertThat(LogFiles.tail(log, 5)).isEqualTo(expected(106, 110));
  }

  @Test
  void emptyOrMissingLogHasNoLines() throws Exception {
    assertThat(LogFiles.tail(dir.resolve("none.r1.log"), 10)).isEmpty();
    assertThat(LogFiles.tail(Files.writeString(dir.resolve("e.r1.log"), ""), 10)).isEmpty();
  }

  @Test
  void rotatesOnlyLogsPastTheCapKeepingOneOldFile() throws Exception {
    Path big = Files.writeString(dir.resolve("big.r1.log"), lines(1, 100));
    Path small = Files.writeString(dir.resolve("small.r1.log"), "x\n");
    assertThat(LogFiles.rotate(dir, 1000)).isEqualTo(1);
    assertThat(Files.size(big)).isZero();
    assertThat(Files.readString(dir.resolve("big.r1.log.1"))).isEqualTo(lines(1, 100));
    assertThat(Files.readString(small)).isEqualTo("x\n");
    assertThat(LogFiles.current(dir, "big")).contains(big);
    assertThat(LogFiles.current(dir, "bi")).isEmpty();
  }
}
