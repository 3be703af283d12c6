package io.meshwarden.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectFactsTest {

  static java.util.List<ObjectFacts> everyFactKind() {
    return SampleRecords.everyFactKind();
  }

  @ParameterizedTest
  @MethodSource("everyFactKind")
  void versionsOfAnObjectWhoseFactsDidNotChangeCompareEqualWithoutVersion(ObjectFacts facts) {
    FactMeta m = facts.meta();
    ObjectFacts later =
        facts.withMeta(
            new FactMeta(
                m.cluster(),
                m.namespace(),
                m.name(),
                m.uid(),
                "99999",
                Instant.parse("2030-01-01T00:00:00Z"),
                m.creationTimestamp(),
                m.labels(),
                m.annotations()));

    assertThat(later).isNotEqualTo(facts);
    assertThat(later.withoutVersion()).isEqualTo(facts.withoutVersion());
    assertThat(later.kind()).isEqualTo(facts.kind());
  }

  @ParameterizedTest
  @MethodSource("everyFactKind")
  void aLabelChangeIsAFactChange(ObjectFacts facts) {
    ObjectFacts relabelled =
        facts.withMeta(facts.meta().withLabelsAndAnnotations(Map.of("app", "other"), Map.of()));

    assertThat(relabelled.withoutVersion()).isNotEqualTo(facts.withoutVersion());
  }
}
