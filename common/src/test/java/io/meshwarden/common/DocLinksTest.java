package io.meshwarden.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's Markdown stands on its own: every relative link in README.md, CONTRIBUTING.md,
 * docs/ and the design notes beside the code names a file or folder of the repository that exists
 * (and, with a {@code #fragment} into a Markdown file, one of its headings), no link leaves the
 * repository, and nothing points at the {@code ../shared} folder beside it. Links with a scheme
 * ({@code https:}) are not fetched.
 */
class DocLinksTest {

  /** Surefire runs in the module directory; the repository root is one level up. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** {@code [text](target)} or {@code ![alt](target "title")}; the text may span lines. */
  private static final Pattern INLINE_LINK =
      Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

  /** {@code [label]: target} at the start of a line. */
  private static final Pattern REFERENCE_LINK =
      Pattern.compile("(?m)^ {0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s+\"[^\"]*\")?\\s*$");

  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

  @Test
  void everyRelativeLinkNamesAFileInsideTheRepository() throws IOException {
    List<Path> docs = documents(ROOT);

    assertThat(docs)
        .as("the documents a newcomer reads first are checked")
        .contains(
            ROOT.resolve("README.md"),
            ROOT.resolve("CONTRIBUTING.md"),
            ROOT.resolve("docs/architecture.md"));
    assertThat(brokenLinks(ROOT, docs)).isEmpty();
  }

  @Test
  void noDocumentPointsAtTheSharedFolderOutsideTheRepository() throws IOException {
    assertThat(sharedReferences(ROOT, documents(ROOT))).isEmpty();
  }

  @Test
  void theCheckFindsMissingFilesLinksOutOfTheRepositoryAndUnknownHeadings(@TempDir Path repo)
      throws IOException {
    Files.createDirectories(repo.resolve("docs"));
    Files.writeString(repo.resolve("docs/a.md"), "# First heading\n\n## Why: it `matters`\n");
    Files.writeString(
        repo.resolve("README.md"),
        """
        # Top

        [fine](docs/a.md), [fine too](docs/a.md#first-heading), [folder](docs),
        [punctuation](docs/a.md#why-it-matters), [here](#top), [web](https://example.com/x.md).
        [gone](docs/missing.md)
        [out](../outside.md)
        [no such heading](docs/a.md#nope)
        [text over
        two lines](docs/missing-too.md)
        [label]: docs/missing-ref.md
        `[inline code](not-checked.md)`
        ```
        [in a code block](not-checked-either.md)
        ```
        See ../shared/NOTES.md.
        """);

    List<Path> docs = documents(repo);

    assertThat(docs).containsExactly(repo.resolve("README.md"), repo.resolve("docs/a.md"));
    assertThat(brokenLinks(repo, docs))
        .containsExactly(
            "README.md:5: docs/missing.md: no such file",
            "README.md:6: ../outside.md: leaves the repository",
            "README.md:7: docs/a.md#nope: no heading 'nope' in docs/a.md",
            "README.md:8: docs/missing-too.md: no such file",
            "README.md:10: docs/missing-ref.md: no such file");
    assertThat(sharedReferences(repo, docs)).containsExactly("README.md:15");
  }

  /** Every Markdown file of the repository, outside build output and hidden folders, sorted. */
  static List<Path> documents(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> p.toString().endsWith(".md"))
          .filter(Files::isRegularFile)
          .filter(p -> !skipped(root.relativize(p)))
          .sorted()
          .toList();
    }
  }

  private static boolean skipped(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** {@code file:line: target: why} for each relative link that does not resolve. */
  static List<String> brokenLinks(Path root, List<Path> docs) throws IOException {
    Map<Path, Set<String>> headings = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (Path doc : docs) {
      String text = withoutCode(Files.readString(doc), true);
      for (Pattern p : List.of(INLINE_LINK, REFERENCE_LINK)) {
        Matcher m = p.matcher(text);
        while (m.find()) {
          String target = m.group(1);
          String problem = check(root, doc, target, headings);
          if (problem != null) {
            out.add(where(root, doc, text, m.start()) + ": " + target + ": " + problem);
          }
        }
      }
    }
    return out;
  }

  /** {@code file:line} of every mention of {@code ../shared}. */
  static List<String> sharedReferences(Path root, List<Path> docs) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path doc : docs) {
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains("../shared")) {
          out.add(root.relativize(doc) + ":" + (i + 1));
        }
      }
    }
    return out;
  }

  /** Why {@code target}, linked from {@code doc}, does not resolve; null when it does. */
  private static String check(Path root, Path doc, String target, Map<Path, Set<String>> headings)
      throws IOException {
    if (SCHEME.matcher(target).find()) {
      return null;
    }
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String fragment = hash < 0 ? null : target.substring(hash + 1);
    Path file =
        path.isEmpty()
            ? doc
            : (path.startsWith("/") ? root.resolve(path.substring(1)) : doc.resolveSibling(path))
                .normalize();
    if (!file.startsWith(root)) {
      return "leaves the repository";
    }
    if (!Files.exists(file)) {
      return "no such file";
    }
    if (fragment != null && !fragment.isEmpty() && file.toString().endsWith(".md")) {
      Set<String> known = headings.computeIfAbsent(file, DocLinksTest::headingsOf);
      if (!known.contains(fragment.toLowerCase(Locale.ROOT))) {
        return "no heading '" + fragment + "' in " + root.relativize(file);
      }
    }
    return null;
  }

  /** The anchors GitHub gives a file's headings (a repeated heading gets -1, -2, ...). */
  private static Set<String> headingsOf(Path file) {
    String text;
    try {
      text = withoutCode(Files.readString(file), false);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Set<String> out = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String line : text.split("\n", -1)) {
      Matcher m = HEADING.matcher(line);
      if (m.matches()) {
        String slug = slug(m.group(1));
        int n = seen.merge(slug, 1, Integer::sum) - 1;
        out.add(n == 0 ? slug : slug + "-" + n);
      }
    }
    return out;
  }

  /** Lower case; letters, digits, '-' and '_' kept, spaces to '-', everything else dropped. */
  private static String slug(String heading) {
    StringBuilder out = new StringBuilder();
    heading
        .toLowerCase(Locale.ROOT)
        .codePoints()
        .forEach(
            c -> {
              if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                out.appendCodePoint(c);
              } else if (c == ' ') {
                out.append('-');
              }
            });
    return out.toString();
  }

  /**
   * The text with fenced code blocks blanked out, and inline code too when {@code inline} (newlines
   * kept, so positions still give the right line): links shown as code are examples, not links.
   */
  private static String withoutCode(String text, boolean inline) {
    StringBuilder out = new StringBuilder(text.length());
    boolean fenced = false;
    for (String line : text.split("\n", -1)) {
      String trimmed = line.stripLeading();
      boolean fence = trimmed.startsWith("```") || trimmed.startsWith("~~~");
      if (fence || fenced) {
        out.append(" ".repeat(line.length()));
        fenced = fence != fenced;
      } else if (!inline) {
        out.append(line);
      } else {
        Matcher m = INLINE_CODE.matcher(line);
        StringBuilder l = new StringBuilder();
        while (m.find()) {
          m.appendReplacement(l, " ".repeat(m.group().length()));
        }
        m.appendTail(l);
        out.append(l);
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String where(Path root, Path doc, String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return root.relativize(doc) + ":" + line;
  }
}
