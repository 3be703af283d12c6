package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.PodSpecFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.common.protocol.WorkloadFacts;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.PodView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * MW0017 (IST0144): istioctl's application-UID check ({@code analyzers/deployment/pod.go}, the same
 * in 1.22–1.28), reproduced so that the messages match. Each Pod, and each Deployment by its pod
 * template, is reported once when its pod-level {@code runAsUser} is 1337 (even if every container
 * sets another) or a container other than {@code istio-proxy} and {@code istio-operator} sets 1337;
 * init containers are not read. A Pod or Deployment whose own labels have the key {@code istio} or
 * {@code release=istio} is Istio's control plane and skipped. {@link ProxyUidRule} (MW0016) is
 * meshwarden's own check of the UID each container really runs as, on every kind of workload.
 */
public final class InvalidApplicationUidRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0017", Severity.WARNING, "IST0144", "Pod or Deployment asks for the proxy's UID");

  /** Containers istioctl does not count as the application. */
  private static final Set<String> SKIPPED_CONTAINERS =
      Set.of(IstioKeys.PROXY_CONTAINER, "istio-operator");

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
      check("Pod", p.facts().meta(), p.facts().spec(), results);
    }
    for (WorkloadFacts w : namespace.workloadFacts()) {
      if (w.kind() == FactKind.Deployment && w.template() != null) {
        check("Deployment", w.meta(), w.template().spec(), results);
      }
    }
    return results;
  }

  private static void check(
      String kind, FactMeta meta, PodSpecFacts spec, List<RuleResult> results) {
    if (spec == null || controlPlane(meta.labels())) {
      return;
    }
    String where = where(spec);
    if (where == null) {
      return;
    }
    ObjectRef subject = new ObjectRef(kind, meta.namespace(), meta.name(), meta.uid());
    results.add(
        RuleResult.of(
            INFO,
            subject,
            Subjects.describe(subject) + ": User ID (UID) 1337 is reserved for the sidecar proxy.",
            Map.of("runAsUser", where)));
  }

  /** Where the spec asks for UID 1337: {@code pod}, or the first container's name; else null. */
  private static String where(PodSpecFacts spec) {
    if (Objects.equals(spec.runAsUser(), IstioKeys.PROXY_UID)) {
      return "pod";
    }
    for (ContainerFacts c : spec.containers()) {
      if ((c.name() == null || !SKIPPED_CONTAINERS.contains(c.name()))
          && Objects.equals(c.runAsUser(), IstioKeys.PROXY_UID)) {
        return "container " + c.name();
      }
    }
    return null;
  }

  /**
   * istioctl's test for Istio's own objects: a label {@code istio} (any value) or release=istio.
   */
  private static boolean controlPlane(Map<String, String> labels) {
    return labels.containsKey("istio") || "istio".equals(labels.get("release"));
  }
}
