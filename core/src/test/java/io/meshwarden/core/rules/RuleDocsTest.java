package io.meshwarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule has its page under docs/rules, with the four sections and the rule's severity. */
class RuleDocsTest {

  static Stream<Rule> rules() {
    return RuleCatalog.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void hasAPageThatAgreesWithTheCode(Rule rule) throws IOException {
    Path page = Path.of("..", "docs", "rules", rule.info().code() + ".md");

    String text = Files.readString(page);

    assertThat(text)
        .startsWith("# " + rule.info().code() + ": ")
        .contains("Severity: **" + rule.info().severity() + "**")
        .contains("## What", "## Why it matters", "## How to fix", "## How meshwarden remediates");
    if (rule.info().istioCode() != null) {
      assertThat(text).contains(rule.info().istioCode());
    }
  }
}
