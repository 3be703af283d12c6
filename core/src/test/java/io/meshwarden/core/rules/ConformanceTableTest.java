package io.meshwarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The conformance table of {@code docs/rules/README.md} agrees with {@link RuleCatalog}: every IST
 * code a rule claims has a row naming that rule, every rule a row names exists and claims that
 * code, and every row says how it conforms.
 */
class ConformanceTableTest {

  private static final Pattern ROW =
      Pattern.compile("^\\| (IST\\d{4}) \\| [^|]+ \\| ([^|]+) \\| ([^|]+) \\|$");

  /** IST codes a rule reports besides its {@link RuleInfo#istioCode()}, by rule code. */
  private static final Map<String, Set<String>> ALSO_CLAIMS =
      Map.of("MW0132", Set.of(DestinationRuleTlsWithoutCaRule.PORT_LEVEL));

  private record Row(List<String> rules, String conformance) {}

  private static Map<String, Row> table() throws IOException {
    String readme = Files.readString(Path.of("..", "docs", "rules", "README.md"));
    String section = readme.substring(readme.indexOf("## Conformance with istioctl analyze"));
    Map<String, Row> rows = new HashMap<>();
    for (String line : section.split("\n")) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        String cell = m.group(2).trim();
        List<String> rules =
            cell.equals("—")
                ? List.of()
                : Arrays.stream(cell.split(",")).map(String::trim).toList();
        assertThat(rows.put(m.group(1), new Row(rules, m.group(3).trim())))
            .as("one row per code: " + m.group(1))
            .isNull();
      }
    }
    return rows;
  }

  @Test
  void everyClaimedCodeHasItsRowNamingTheRule() throws IOException {
    Map<String, Row> table = table();
    for (Rule rule : RuleCatalog.all()) {
      for (String ist : claims(rule)) {
        assertThat(table).as("row for " + ist).containsKey(ist);
        assertThat(table.get(ist).rules())
            .as(ist + " names " + rule.info().code())
            .contains(rule.info().code());
      }
    }
  }

  @Test
  void everyNamedRuleExistsAndClaimsTheCode() throws IOException {
    for (Map.Entry<String, Row> e : table().entrySet()) {
      for (String code : e.getValue().rules()) {
        Rule rule = RuleCatalog.byCode(code).orElse(null);
        assertThat(rule).as(e.getKey() + " names " + code + ", which is no rule").isNotNull();
        assertThat(claims(rule)).as(code + " claims " + e.getKey()).contains(e.getKey());
      }
    }
  }

  @Test
  void everyRowSaysHowItConforms() throws IOException {
    Map<String, Row> table = table();
    assertThat(table).as("the table has rows").isNotEmpty();
    table.forEach(
        (ist, row) -> {
          if (row.rules().isEmpty()) {
            assertThat(row.conformance()).as(ist).startsWith("not claimed");
          } else {
            assertThat(row.conformance())
                .as(ist)
                .matches("(same as istioctl|differs: |claimed; not yet checked).*");
          }
        });
  }

  private static Set<String> claims(Rule rule) {
    Set<String> codes =
        ALSO_CLAIMS.getOrDefault(rule.info().code(), Set.of()).stream()
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    if (rule.info().istioCode() != null) {
      codes.add(rule.info().istioCode());
    }
    return codes;
  }
}
