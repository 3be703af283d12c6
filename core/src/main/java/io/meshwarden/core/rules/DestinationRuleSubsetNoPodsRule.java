package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioVersion;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.NamespaceView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MW0130 (IST0173): a DestinationRule subset selects no pod, so traffic routed to it finds no
 * endpoint (503 UH). As istioctl's subset analyzer, which runs from 1.27 (earlier releases: no
 * result):
 *
 * <ul>
 *   <li>only DestinationRules whose host is found ({@link IstioServiceEntryHosts}; the others are
 *       MW0131's) are judged, one result per subset name (a repeated name keeps its last labels);
 *   <li>a subset's selector is its labels, over the {@code workloadSelector} labels of the
 *       ServiceEntry the host was found as; a Kubernetes Service's own selector is not added;
 *   <li>it may match a pod of any namespace; a subset without labels matches any pod;
 *   <li>from 1.28 a pod also carries {@code kubernetes.io/hostname} = its node, and the region,
 *       zone and subzone labels of that node. meshwarden does not watch Nodes, so a scheduled pod
 *       is taken to satisfy any value of those three topology labels;
 *   <li>only pods count, as istioctl counts them: a Deployment whose template a subset matches does
 *       not serve it until its pods exist (on files, the input must declare the pod).
 * </ul>
 */
public final class DestinationRuleSubsetNoPodsRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0130", Severity.ERROR, "IST0173", "DestinationRule subset selects no pod");

  /** The labels istioctl 1.28+ adds to a pod from its node. */
  private static final Set<String> NODE_LABELS =
      Set.of(
          "kubernetes.io/hostname",
          "topology.kubernetes.io/region",
          "topology.kubernetes.io/zone",
          "topology.istio.io/subzone");

  private final IstioVersion fixedVersion;

  public DestinationRuleSubsetNoPodsRule() {
    this(null);
  }

  /** A rule that applies {@code version}'s semantics whatever the mesh runs (for tests). */
  DestinationRuleSubsetNoPodsRule(IstioVersion version) {
    this.fixedVersion = version;
  }

  @Override
  public RuleInfo info() {
    return INFO;
  }

  /** Whether istioctl of {@code version} runs the DestinationRule subset analyzer at all. */
  static boolean analyzerRuns(IstioVersion version) {
    return version.atLeast(1, 27);
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    IstioVersion version = fixedVersion != null ? fixedVersion : AnalyzerVersion.of(index.mesh());
    List<RuleResult> out = new ArrayList<>();
    if (!analyzerRuns(version)) {
      return out;
    }
    boolean augmented = version.atLeast(1, 28);
    List<Map<String, String>> pods = labelSets(index);
    IstioServiceEntryHosts hosts = IstioServiceEntryHosts.of(index);
    for (IstioConfigFacts dr : index.configs(FactKind.DestinationRule)) {
      String host = dr.spec().path("host").asText("");
      IstioServiceEntryHosts.Entry found = hosts.find(dr, host);
      if (found == null) {
        continue;
      }
      Map<String, Map<String, String>> subsets = new LinkedHashMap<>();
      for (JsonNode subset : dr.spec().path("subsets")) {
        Map<String, String> selector = new HashMap<>(found.workloadSelector());
        selector.putAll(Specs.labels(subset.path("labels")));
        subsets.put(subset.path("name").asText(""), selector);
      }
      subsets.forEach(
          (name, selector) -> {
            if (pods.stream().noneMatch(p -> meets(p, selector, augmented))) {
              out.add(
                  RuleResult.of(
                      INFO,
                      Specs.ref(dr),
                      String.format(
                          "%s: subset %s (labels %s) selects no pod, so traffic routed to it gets"
                              + " 503 UH (no healthy upstream); fix the subset labels or deploy"
                              + " that version",
                          Subjects.describe(Specs.ref(dr)), name, selector),
                      Map.of("subset", name, "host", host)));
            }
          });
    }
    return out;
  }

  /**
   * Whether a pod of these labels may meet {@code selector}. From 1.28 istioctl adds the node's
   * name and topology labels to a pod; meshwarden does not know the node's labels, so those keys
   * are taken to match.
   */
  private static boolean meets(
      Map<String, String> labels, Map<String, String> selector, boolean augmented) {
    for (Map.Entry<String, String> want : selector.entrySet()) {
      if (augmented && NODE_LABELS.contains(want.getKey())) {
        continue;
      }
      if (!want.getValue().equals(labels.get(want.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** The label sets of every pod of the input, in any namespace (not pod templates). */
  private static List<Map<String, String>> labelSets(MeshIndex index) {
    List<Map<String, String>> out = new ArrayList<>();
    for (NamespaceView ns : index.cluster().namespaces().values()) {
      ns.pods().forEach(p -> out.add(p.facts().meta().labels()));
    }
    return out;
  }
}
