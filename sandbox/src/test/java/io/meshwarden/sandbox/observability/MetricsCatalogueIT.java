package io.meshwarden.sandbox.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.sandbox.observability.LiveStack.Faulty;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code docs/metrics.md} against what every role of a sandbox run really exports: the healthy run,
 * and the faulty one for the families that only appear on their first event.
 */
@ExtendWith(LiveStack.Resolver.class)
class MetricsCatalogueIT {

  /** One row of the catalogue. */
  record Entry(String name, String type, String appears) {}

  private static final Pattern ROW =
      Pattern.compile(
          "^\\| `(meshwarden_[a-z0-9_]+)` \\| (\\w+) \\|[^|]*\\| ([a-z ]+) \\|", Pattern.MULTILINE);

  static Map<String, Entry> catalogue() throws Exception {
    String doc = Files.readString(Repo.root().resolve("docs/metrics.md"));
    Map<String, Entry> entries = new LinkedHashMap<>();
    Matcher m = ROW.matcher(doc);
    while (m.find()) {
      entries.put(m.group(1), new Entry(m.group(1), m.group(2), m.group(3)));
    }
    return entries;
  }

  @Test
  void everyExportedFamilyIsDocumentedWithItsType(LiveStack stack) throws Exception {
    assertDocumentedWithTypes(stack);
  }

  /** The faulty run also exports the families that appear on a first dead letter or refusal. */
  @Test
  void everyFamilyTheFaultyRunExportsIsDocumentedWithItsType(@Faulty LiveStack stack)
      throws Exception {
    assertThat(meshwardenFamilies(stack))
        .containsKeys(
            "meshwarden_reconciler_dead_letters_total",
            "meshwarden_remediation_dead_letters_total");
    assertDocumentedWithTypes(stack);
  }

  private static void assertDocumentedWithTypes(LiveStack stack) throws Exception {
    Map<String, Entry> documented = catalogue();
    Map<String, String> exported = meshwardenFamilies(stack);
    assertThat(exported).as("meshwarden families scraped from the sandbox").isNotEmpty();
    assertThat(documented.keySet())
        .as("families exported by the sandbox's roles but missing from docs/metrics.md")
        .containsAll(exported.keySet());
    Map<String, String> documentedTypes =
        documented.values().stream()
            .filter(e -> exported.containsKey(e.name()))
            .collect(Collectors.toMap(Entry::name, Entry::type, (a, b) -> a, TreeMap::new));
    assertThat(documentedTypes).as("types in docs/metrics.md").isEqualTo(exported);
  }

  @Test
  void everyFamilyDocumentedAsAlwaysPresentIsExported(LiveStack stack) throws Exception {
    Set<String> always =
        catalogue().values().stream()
            .filter(e -> e.appears().equals("always"))
            .map(Entry::name)
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    assertThat(always).hasSizeGreaterThan(30);
    assertThat(meshwardenFamilies(stack).keySet())
        .as("families docs/metrics.md says every run exports")
        .containsAll(always);
    assertThat(catalogue().values())
        .extracting(Entry::appears)
        .allMatch(a -> a.equals("always") || a.equals("on first event"));
  }

  @Test
  void meshwardenFamiliesPassPromtoolCheckMetrics(LiveStack stack) throws Exception {
    Promtool.assumeInstalled();
    for (Map.Entry<String, String> scrape : stack.scrapes().entrySet()) {
      String ours = onlyMeshwarden(scrape.getValue());
      assertThat(ours).as(scrape.getKey()).contains("# TYPE meshwarden_");
      Promtool.Result result = Promtool.runWithInput(Repo.root(), ours, "check", "metrics");
      assertThat(result.output()).as("promtool check metrics of " + scrape.getKey()).isBlank();
      assertThat(result.exitCode()).isZero();
    }
  }

  private static Map<String, String> meshwardenFamilies(LiveStack stack) {
    Map<String, String> families = new TreeMap<>(stack.families());
    families.keySet().removeIf(name -> !name.startsWith("meshwarden_"));
    return families;
  }

  /** The lines of a scrape that belong to meshwarden's own families (not JVM or Kafka ones). */
  private static String onlyMeshwarden(String scrape) {
    return scrape
        .lines()
        .filter(
            l ->
                l.startsWith("meshwarden_")
                    || l.startsWith("# HELP meshwarden_")
                    || l.startsWith("# TYPE meshwarden_"))
        .collect(Collectors.joining("\n", "", "\n"));
  }
}
