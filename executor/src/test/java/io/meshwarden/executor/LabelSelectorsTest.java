package io.meshwarden.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A PodDisruptionBudget's selector, as the executor reads it from the API, matches as the rules'
 * selector does: {@code matchExpressions} count (they were ignored before, so a PDB selecting by
 * expression guarded nothing).
 */
class LabelSelectorsTest {

  private static final Map<String, String> POD = Map.of("app", "web", "tier", "front");

  @Test
  void matchExpressionsOfAPdbSelectorCount() {
    LabelSelector byExpression =
        new LabelSelectorBuilder()
            .addNewMatchExpression()
            .withKey("app")
            .withOperator("In")
            .withValues("web", "api")
            .endMatchExpression()
            .build();
    LabelSelector nearMiss =
        new LabelSelectorBuilder()
            .addNewMatchExpression()
            .withKey("app")
            .withOperator("In")
            .withValues("api")
            .endMatchExpression()
            .build();

    assertThat(LabelSelectors.of(byExpression).matches(POD)).isTrue();
    assertThat(LabelSelectors.of(nearMiss).matches(POD)).isFalse();
  }

  @Test
  void matchLabelsAndExpressionsAreAnded() {
    LabelSelector both =
        new LabelSelectorBuilder()
            .withMatchLabels(Map.of("app", "web"))
            .addNewMatchExpression()
            .withKey("tier")
            .withOperator("DoesNotExist")
            .endMatchExpression()
            .build();

    assertThat(LabelSelectors.of(both).matches(POD)).isFalse();
    assertThat(LabelSelectors.of(both).matches(Map.of("app", "web"))).isTrue();
  }

  @Test
  void anEmptySelectorSelectsEveryPodAsPolicyV1Says() {
    LabelSelector empty = new LabelSelector();
    empty.setMatchLabels(null);
    empty.setMatchExpressions(null);

    assertThat(LabelSelectors.of(empty).matches(POD)).isTrue();
    assertThat(LabelSelectors.of(new LabelSelectorBuilder().build()).matches(POD)).isTrue();
  }

  @Test
  void aSelectorTheApiWouldRefuseSelectsNothing() {
    LabelSelector unknownOperator =
        new LabelSelectorBuilder()
            .addNewMatchExpression()
            .withKey("app")
            .withOperator("Gt")
            .withValues("1")
            .endMatchExpression()
            .build();

    assertThat(LabelSelectors.of(unknownOperator).matches(POD)).isFalse();
  }
}
