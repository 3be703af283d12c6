package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0019 (IST0147): a Pod's {@code istio-proxy} container still has the manual-injection
 * placeholder {@code image: auto}: the injector did not run on it, so the container cannot start.
 * istioctl's image-auto analyzer ({@code analyzers/injection/image-auto.go}, the same in 1.22–1.28)
 * reports every such Pod whatever the webhooks select; so does this rule. Init containers are not
 * read. {@link ImageAutoWithoutInjectionRule} (MW0018, IST0146) reports Deployments.
 */
public final class ImageAutoPodRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0019", Severity.ERROR, "IST0147", "Pod still has image: auto");

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
    for (PodView p : namespace.pods()) {
      if (!ImageAutoWithoutInjectionRule.hasAutoImage(p.facts().spec())) {
        continue;
      }
      FactMeta meta = p.facts().meta();
      ObjectRef subject = new ObjectRef("Pod", meta.namespace(), meta.name(), meta.uid());
      results.add(
          RuleResult.of(
              INFO,
              subject,
              "Pod "
                  + meta.name()
                  + " contains `image: auto` but does not match any Istio injection webhook"
                  + " selectors.",
              Map.of()));
    }
    return results;
  }
}
