package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.hosts.ServiceHost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MW0130 (IST0173): a DestinationRule subset's labels, together with the selector of the Service
 * its host names, select no workload; traffic routed to the subset has no endpoint. Only hosts that
 * are Kubernetes Services with workloads in the input are judged.
 */
public final class DestinationRuleSubsetNoPodsRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0130", Severity.ERROR, "IST0173", "DestinationRule subset selects no pod");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts dr : index.configs(FactKind.DestinationRule)) {
      String host = dr.spec().path("host").asText("");
      Set<String> empty = new TreeSet<>();
      for (ServiceHost svc : index.hosts().services(host, dr.meta().namespace())) {
        String ns = svc.source().namespace();
        if (svc.selector().isEmpty() || !index.hasWorkloads(ns)) {
          continue;
        }
        for (JsonNode subset : dr.spec().path("subsets")) {
          Map<String, String> labels = new HashMap<>(svc.selector());
          labels.putAll(Specs.labels(subset.path("labels")));
          if (index.observable(labels) && index.selected(ns, labels).isEmpty()) {
            empty.add(subset.path("name").asText(""));
          }
        }
      }
      if (!empty.isEmpty()) {
        String subsets = String.join(",", empty);
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(dr),
                String.format(
                    "%s: subset %s selects no pod of %s; fix the subset labels or deploy that"
                        + " version",
                    Subjects.describe(Specs.ref(dr)), subsets, host),
                Map.of("subsets", subsets, "host", host)));
      }
    }
    return out;
  }
}
