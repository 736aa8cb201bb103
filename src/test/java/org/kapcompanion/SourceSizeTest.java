package org.kapcompanion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No source file of the app grows past 400 lines: a class that long holds more than one idea. */
class SourceSizeTest {

  private static final int MOST_LINES = 400;

  @Test
  void noMainSourceFileIsLongerThan400Lines() throws IOException {
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      List<String> tooLong = sources.filter(path -> path.toString().endsWith(".java"))
          .filter(SourceSizeTest::tooLong)
          .map(Path::toString)
          .toList();
      assertThat(tooLong).isEmpty();
    }
  }

  private static boolean tooLong(Path source) {
    try (Stream<String> lines = Files.lines(source)) {
      return lines.count() > MOST_LINES;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + source, e);
    }
  }
}
