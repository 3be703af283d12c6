package io.meshwarden.core.remediation;

import io.meshwarden.common.protocol.WebhookConfigFacts;
import io.meshwarden.core.model.InjectorWebhooks;
import java.util.List;
import java.util.Optional;

/**
 * Whether the injector of a revision can inject right now. Restarting while it cannot would replace
 * injected pods with pods that have no sidecar (webhook {@code failurePolicy: Ignore}) or with none
 * at all ({@code Fail}), so the executor checks first: the revision is known, a webhook
 * configuration routes to it, at least one of its istiod pods is ready, and every service its
 * webhooks call exists.
 */
public final class InjectorHealth {

  private InjectorHealth() {}

  /** Why the injector of {@code revisionOrTag} is not healthy, or empty when it is. */
  public static Optional<String> problem(MeshSnapshot snapshot, String revisionOrTag) {
    Optional<String> resolved = snapshot.mesh().resolve(revisionOrTag);
    if (resolved.isEmpty()) {
      return Optional.of("revision '" + revisionOrTag + "' is not installed");
    }
    String revision = resolved.get();
    List<WebhookConfigFacts> webhooks =
        snapshot.mesh().webhooks().stream()
            .filter(InjectorWebhooks::active)
            .filter(w -> revision.equals(w.revision()))
            .toList();
    if (webhooks.isEmpty()) {
      return Optional.of(
          "no active MutatingWebhookConfiguration routes to revision "
              + revision
              + " (deactivated ones, as istioctl tag set default leaves them, call nobody)");
    }
    if (!snapshot.readyIstiod().getOrDefault(revision, false)) {
      return Optional.of("no ready istiod pod of revision " + revision);
    }
    for (WebhookConfigFacts config : webhooks) {
      for (WebhookConfigFacts.Webhook w : config.webhooks()) {
        if (w.serviceName() == null) {
          continue;
        }
        String service = w.serviceNamespace() + "/" + w.serviceName();
        if (!snapshot.services().contains(service)) {
          return Optional.of(
              "service " + service + " that webhook " + w.name() + " calls does not exist");
        }
      }
    }
    return Optional.empty();
  }
}
