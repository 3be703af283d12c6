package io.meshwarden.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's module table names exactly the modules the build has, each a folder of its own. */
class ReadmeModulesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theModuleTableMatchesTheBuildsModules() throws IOException {
    List<String> built =
        matches(Files.readString(ROOT.resolve("pom.xml")), "<module>([^<]+)</module>");
    String readme = Files.readString(ROOT.resolve("README.md"));
    String table = readme.substring(readme.indexOf("## Modules"));
    table = table.substring(0, table.indexOf("\n## ", 3));
    List<String> listed = matches(table, "(?m)^\\| \\[`([^`]+)`\\]\\(([^)]+)\\)");

    assertThat(listed).as("README module table").containsExactlyInAnyOrderElementsOf(built);
    assertThat(built).allSatisfy(m -> assertThat(ROOT.resolve(m).resolve("pom.xml")).exists());
  }

  private static List<String> matches(String text, String regex) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      out.add(m.group(1).trim());
    }
    return out;
  }
}
