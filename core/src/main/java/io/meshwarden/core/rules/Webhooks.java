package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.WebhookConfigFacts;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What the webhook rules need to know about Istio's MutatingWebhookConfigurations. */
final class Webhooks {

  static final String REV = "istio.io/rev";

  /** The label {@code istioctl tag set default} puts in both selectors of the old webhooks. */
  static final String DEACTIVATED = "istio.io/deactivated";

  static final String NEVER_MATCH = "never-match";

  private Webhooks() {}

  /**
   * Whether istioctl's webhook analyzer considers the configuration: it names a revision ({@link
   * #revisionsNamed}) or has a webhook whose name ends in {@code istio.io}.
   */
  static boolean analyzed(WebhookConfigFacts config) {
    return !revisionsNamed(config).isEmpty()
        || config.webhooks().stream().anyMatch(w -> w.name().endsWith("istio.io"));
  }

  /**
   * The revisions a configuration names: its label {@code istio.io/rev} (even empty), and every
   * {@code istio.io/rev} value in its webhooks' selectors, in matchLabels or in matchExpressions of
   * any operator.
   */
  static Set<String> revisionsNamed(WebhookConfigFacts config) {
    Set<String> out = new TreeSet<>();
    if (config.revision() != null) {
      out.add(config.revision());
    }
    for (WebhookConfigFacts.Webhook w : config.webhooks()) {
      addRevisions(w.namespaceSelector(), out);
      addRevisions(w.objectSelector(), out);
    }
    return out;
  }

  private static void addRevisions(LabelSelector selector, Set<String> out) {
    if (selector == null) {
      return;
    }
    String rev = selector.matchLabels().get(REV);
    if (rev != null) {
      out.add(rev);
    }
    for (LabelSelector.Requirement r : selector.matchExpressions()) {
      if (REV.equals(r.key())) {
        out.addAll(r.values());
      }
    }
  }

  /**
   * Whether the webhook was switched off by {@code istioctl tag set default}: a selector that
   * requires {@code istio.io/deactivated: never-match}, a label no object carries. Such a webhook
   * is never called, so it injects nothing and overlaps nothing.
   */
  static boolean deactivated(WebhookConfigFacts.Webhook webhook) {
    return requiresNeverMatch(webhook.namespaceSelector())
        || requiresNeverMatch(webhook.objectSelector());
  }

  private static boolean requiresNeverMatch(LabelSelector selector) {
    return selector != null && NEVER_MATCH.equals(selector.matchLabels().get(DEACTIVATED));
  }

  /**
   * Whether a webhook selector matches {@code labels} as the API server decides: an absent selector
   * matches everything; one Kubernetes cannot parse (In or NotIn without values, Exists or
   * DoesNotExist with values, an unknown operator) matches nothing.
   */
  static boolean selects(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    for (LabelSelector.Requirement r : selector.matchExpressions()) {
      boolean valid =
          switch (r.operator() == null ? "" : r.operator()) {
            case "In", "NotIn" -> !r.values().isEmpty();
            case "Exists", "DoesNotExist" -> r.values().isEmpty();
            default -> false;
          };
      if (!valid) {
        return false;
      }
    }
    return selector.matches(labels);
  }
}
