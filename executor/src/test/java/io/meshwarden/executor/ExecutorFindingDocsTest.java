package io.meshwarden.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.core.remediation.ExecutorFinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every finding the executor opens has its page under docs/rules, like a rule (see RuleDocsTest),
 * and a row in the catalogue with its severity.
 */
class ExecutorFindingDocsTest {

  private static final Path RULES = Path.of("..", "docs", "rules");

  @ParameterizedTest(name = "{0}")
  @EnumSource(ExecutorFinding.class)
  void hasAPageThatAgreesWithTheCode(ExecutorFinding finding) throws IOException {
    String text = Files.readString(RULES.resolve(finding.code() + ".md"));

    assertThat(text)
        .startsWith("# " + finding.code() + ": ")
        .contains("Severity: **" + finding.severity() + "**")
        .contains("## What", "## Why it matters", "## How to fix", "## How meshwarden remediates");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ExecutorFinding.class)
  void isListedInTheCatalogue(ExecutorFinding finding) throws IOException {
    String readme = Files.readString(RULES.resolve("README.md"));

    assertThat(readme)
        .containsPattern(
            "\\| \\["
                + finding.code()
                + "]\\("
                + finding.code()
                + "\\.md\\) \\| [^|]+ \\| "
                + finding.severity()
                + " \\|");
  }
}
