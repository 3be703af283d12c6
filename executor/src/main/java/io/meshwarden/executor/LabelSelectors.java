package io.meshwarden.executor;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;

/**
 * Turns a fabric8 {@link LabelSelector} into meshwarden's one selector, {@link
 * io.meshwarden.common.protocol.LabelSelector}, so the executor matches labels exactly as the rules
 * do ({@code matchExpressions} included).
 */
final class LabelSelectors {

  private LabelSelectors() {}

  /** The same selector; a missing {@code matchLabels} or {@code matchExpressions} is empty. */
  static io.meshwarden.common.protocol.LabelSelector of(LabelSelector selector) {
    List<LabelSelectorRequirement> exprs =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    return new io.meshwarden.common.protocol.LabelSelector(
        selector.getMatchLabels(),
        exprs.stream()
            .map(
                r ->
                    new io.meshwarden.common.protocol.LabelSelector.Requirement(
                        r.getKey(), r.getOperator(), r.getValues()))
            .toList());
  }
}
