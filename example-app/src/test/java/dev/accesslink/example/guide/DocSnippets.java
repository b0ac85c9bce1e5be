package dev.accesslink.example.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Java code shown in the project's Markdown pages, and the source files it is cut from: the tests
 * that use this keep each page's code equal to a file that the build compiles (and runs).
 */
final class DocSnippets {
  /** The repository's root: surefire runs in the module's directory. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private DocSnippets() {}

  /**
   * The first {@code ```java} block after the line containing {@code marker} in the Markdown page
   * {@code page} (relative to the repository root), without its fences.
   */
  static String javaBlockAfter(String page, String marker) {
    String text = read(ROOT.resolve(page));
    int at = text.indexOf(marker);
    if (at < 0) {
      throw new AssertionError(page + " has no line with " + marker);
    }
    int open = text.indexOf("```java\n", at);
    int close = text.indexOf("\n```", open + 1);
    if (open < 0 || close < 0) {
      throw new AssertionError(page + " has no ```java block after " + marker);
    }
    return text.substring(open + "```java\n".length(), close + 1);
  }

  /**
   * The lines of the test source file {@code file} (relative to this package's directory) strictly
   * between the line containing {@code begin} and the next line containing {@code end} ({@code
   * null}: the end of the file), with their common indentation removed.
   */
  static String region(String file, String begin, String end) {
    Path source = ROOT.resolve("example-app/src/test/java/dev/accesslink/example/guide").resolve(file);
    List<String> lines = read(source).lines().collect(Collectors.toList());
    int from = indexOf(lines, begin, 0, source);
    int to = end == null ? lines.size() : indexOf(lines, end, from + 1, source);
    List<String> cut = lines.subList(from + 1, to);
    int indent = cut.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return cut.stream().map(l -> l.isBlank() ? "" : l.substring(indent))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  /** {@code code} with trailing white space and a trailing blank line removed from every line. */
  static String normalized(String code) {
    return Pattern.compile("[ \\t]+$", Pattern.MULTILINE).matcher(code).replaceAll("").stripTrailing() + "\n";
  }

  private static int indexOf(List<String> lines, String marker, int from, Path file) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i;
      }
    }
    throw new AssertionError(file + " has no line with " + marker);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
