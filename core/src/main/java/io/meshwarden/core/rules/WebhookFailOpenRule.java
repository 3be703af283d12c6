package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.common.protocol.WebhookConfigFacts;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0021: an injector webhook has {@code failurePolicy: Ignore}: while istiod is unreachable, pods
 * are admitted without a sidecar and nothing says so. Only live injectors count: webhooks
 * deactivated by {@code istioctl tag set default} are never called ({@link Webhooks#deactivated}).
 */
public final class WebhookFailOpenRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0021", Severity.WARNING, null, "Injector webhook fails open");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    List<RuleResult> results = new ArrayList<>();
    for (WebhookConfigFacts cfg : mesh.webhooks()) {
      List<String> open = new ArrayList<>();
      for (WebhookConfigFacts.Webhook w : cfg.webhooks()) {
        if ("Ignore".equals(w.failurePolicy()) && !Webhooks.deactivated(w)) {
          open.add(w.name());
        }
      }
      if (!open.isEmpty()) {
        ObjectRef ref =
            new ObjectRef("MutatingWebhookConfiguration", "", cfg.meta().name(), cfg.meta().uid());
        String names = String.join(",", open);
        results.add(
            RuleResult.of(
                INFO,
                ref,
                String.format(
                    "MutatingWebhookConfiguration %s: webhook %s has failurePolicy Ignore, so pods"
                        + " created while istiod is down silently miss their sidecar; set"
                        + " failurePolicy: Fail",
                    cfg.meta().name(), names),
                Map.of("webhooks", names)));
      }
    }
    return results;
  }
}
