package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.PodSpecFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodShape;
import io.meshwarden.core.model.PodView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * MW0022 (IST0103): istioctl's own missing-proxy check ({@code analyzers/injection/injection.go},
 * the same in 1.22–1.28), reproduced so that the messages match: one result per Pod, on the Pod.
 *
 * <ul>
 *   <li>Namespaces: a Namespace object labelled exactly {@code istio-injection=enabled} (other
 *       labels beside it, {@code istio.io/rev} included, do not matter), not {@code istio-system},
 *       not labelled {@code istio.io/dataplane-mode=ambient}. A pod whose Namespace is not in the
 *       input is not checked; nor are the namespaces istioctl never loads.
 *   <li>Pods skipped: {@code sidecar.istio.io/inject} is {@code false} in any case (the label when
 *       its key exists, else the annotation), or {@code hostNetwork: true}.
 *   <li>Proxy: the first container named {@code istio-proxy}, then the first such init container
 *       (native sidecars); the pod is reported if there is none or its image is empty.
 * </ul>
 *
 * <p>It is istioctl's verdict, not the injector's: it also warns for pods the injector keeps out (a
 * {@code neverInjectSelector}, policy {@code disabled}), and says nothing for other ways of asking
 * for injection. {@link SidecarMissingRule} (MW0001) holds the injector's verdict and drives
 * restarts.
 */
public final class PodMissingProxyRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0022",
          Severity.WARNING,
          "IST0103",
          "Pod without istio-proxy in an istio-injection=enabled namespace");

  private static final String ISTIO_SYSTEM = "istio-system";

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    if (!checked(namespace.name(), mesh.namespaces().get(namespace.name()))) {
      return List.of();
    }
    List<RuleResult> results = new ArrayList<>();
    for (PodView pod : namespace.pods()) {
      if (optedOut(pod.shape()) || hasProxy(pod.facts().spec())) {
        continue;
      }
      FactMeta meta = pod.facts().meta();
      results.add(
          RuleResult.of(
              INFO,
              new ObjectRef("Pod", meta.namespace(), meta.name(), meta.uid()),
              String.format(
                  "The pod %s/%s is missing the Istio proxy. This can often be resolved by"
                      + " restarting or redeploying the workload.",
                  meta.namespace(), meta.name()),
              Map.of()));
    }
    return results;
  }

  /** Whether istioctl counts the namespace as injected for IST0103. */
  private static boolean checked(String name, NamespaceFacts ns) {
    if (ns == null || ISTIO_SYSTEM.equals(name) || IstioKeys.EXCLUDED_NAMESPACES.contains(name)) {
      return false;
    }
    Map<String, String> labels = ns.meta().labels();
    return "enabled".equals(labels.get(IstioKeys.ISTIO_INJECTION))
        && !"ambient".equals(labels.get(IstioKeys.DATAPLANE_MODE));
  }

  /** {@code false} in any case, the label winning over the annotation; or the host network. */
  private static boolean optedOut(PodShape shape) {
    String inject =
        shape.labels().containsKey(IstioKeys.INJECT)
            ? shape.label(IstioKeys.INJECT)
            : shape.annotation(IstioKeys.INJECT);
    return "false".equalsIgnoreCase(inject) || shape.spec().hostNetwork();
  }

  /** istioctl reads the image of the first {@code istio-proxy}, containers before init ones. */
  private static boolean hasProxy(PodSpecFacts spec) {
    return Stream.concat(spec.containers().stream(), spec.initContainers().stream())
        .filter(c -> IstioKeys.PROXY_CONTAINER.equals(c.name()))
        .findFirst()
        .map(ContainerFacts::image)
        .filter(image -> image != null && !image.isEmpty())
        .isPresent();
  }
}
