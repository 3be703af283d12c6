package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.PodSpecFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.common.protocol.WebhookConfigFacts;
import io.meshwarden.common.protocol.WorkloadFacts;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0018 (IST0146): a Deployment's pod template carries the manual-injection placeholder {@code
 * image: auto} on its {@code istio-proxy} container, but no Istio webhook selects it, so its pods
 * would keep the placeholder and fail to pull. istioctl's image-auto analyzer ({@code
 * analyzers/injection/image-auto.go}, the same in 1.22–1.28), reproduced: an Istio webhook is any
 * webhook whose name ends in {@code istio.io}, of any MutatingWebhookConfiguration (deactivated
 * ones included: their selectors match nothing anyway); it selects when its namespace selector
 * matches the namespace's own labels (none when the Namespace is absent) and its object selector
 * matches the template's labels, a missing selector matching everything. Init containers are not
 * read. {@link ImageAutoPodRule} (MW0019, IST0147) reports Pods.
 */
public final class ImageAutoWithoutInjectionRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0018",
          Severity.WARNING,
          "IST0146",
          "Deployment with image: auto that no Istio webhook selects");

  /** The placeholder image of a manually prepared proxy container. */
  static final String AUTO_IMAGE = "auto";

  private static final String ISTIO_WEBHOOK_SUFFIX = "istio.io";

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    if (IstioKeys.EXCLUDED_NAMESPACES.contains(namespace.name())) {
      // istioctl never loads these namespaces.
      return List.of();
    }
    List<RuleResult> results = new ArrayList<>();
    Map<String, String> namespaceLabels = mesh.namespaceLabels(namespace.name());
    for (WorkloadFacts w : namespace.workloadFacts()) {
      if (w.kind() != FactKind.Deployment
          || w.template() == null
          || !hasAutoImage(w.template().spec())
          || selected(mesh.webhooks(), namespaceLabels, w.template().labels())) {
        continue;
      }
      ObjectRef subject =
          new ObjectRef("Deployment", w.meta().namespace(), w.meta().name(), w.meta().uid());
      results.add(
          RuleResult.of(
              INFO,
              subject,
              "Deployment "
                  + w.meta().name()
                  + " contains `image: auto` but does not match any Istio injection webhook"
                  + " selectors.",
              Map.of()));
    }
    return results;
  }

  /** Whether an {@code istio-proxy} container (not an init container) has image {@code auto}. */
  static boolean hasAutoImage(PodSpecFacts spec) {
    if (spec == null) {
      return false;
    }
    for (ContainerFacts c : spec.containers()) {
      if (IstioKeys.PROXY_CONTAINER.equals(c.name()) && AUTO_IMAGE.equals(c.image())) {
        return true;
      }
    }
    return false;
  }

  private static boolean selected(
      List<WebhookConfigFacts> configs,
      Map<String, String> namespaceLabels,
      Map<String, String> podLabels) {
    for (WebhookConfigFacts config : configs) {
      for (WebhookConfigFacts.Webhook w : config.webhooks()) {
        if (w.name().endsWith(ISTIO_WEBHOOK_SUFFIX)
            && matches(w.namespaceSelector(), namespaceLabels)
            && matches(w.objectSelector(), podLabels)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A missing selector matches everything; an invalid one nothing. */
  private static boolean matches(LabelSelector selector, Map<String, String> labels) {
    return selector == null || selector.matches(labels);
  }
}
