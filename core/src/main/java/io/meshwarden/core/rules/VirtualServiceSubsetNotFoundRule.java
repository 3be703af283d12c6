package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MW0121 (IST0101): a VirtualService route or mirror names a subset that no DestinationRule for
 * that host defines; requests to it fail with 503. As istioctl, one result per destination, and
 * host and subset compared as istioctl compares them: a host ending in {@code
 * .<namespace>.svc.<domain>} names that namespace's service, any other host (short, or with dots
 * but not in that form) names itself in the namespace of the resource that wrote it. A
 * DestinationRule's {@code exportTo} is not read.
 */
public final class VirtualServiceSubsetNotFoundRule implements ClusterRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0121", Severity.ERROR, "IST0101", "VirtualService subset not defined");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshIndex index) {
    String domain = index.hosts().domain();
    Set<String> defined = new HashSet<>();
    for (IstioConfigFacts dr : index.configs(FactKind.DestinationRule)) {
      String host = name(dr.spec().path("host").asText(""), dr.meta().namespace(), domain);
      dr.spec().path("subsets").forEach(s -> defined.add(host + "+" + s.path("name").asText("")));
    }
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts vs : index.configs(FactKind.VirtualService)) {
      for (VirtualServiceDestinations.Destination d : VirtualServiceDestinations.of(vs)) {
        if (d.subset().isEmpty()
            || defined.contains(name(d.host(), vs.meta().namespace(), domain) + "+" + d.subset())) {
          continue;
        }
        String refType =
            d.mirror() ? "mirror+subset in destinationrule" : "host+subset in destinationrule";
        String value = d.host() + "+" + d.subset();
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(vs),
                String.format(
                    "%s: referenced %s not found: \"%s\"; add the subset to the host's"
                        + " DestinationRule",
                    Subjects.describe(Specs.ref(vs)), refType, value),
                Map.of("reference", refType, "value", value)));
      }
    }
    return out;
  }

  /** Istio's {@code GetResourceNameFromHost}: namespace/name of the service a host means. */
  static String name(String host, String namespace, String domain) {
    String suffix = ".svc." + domain;
    if (host.endsWith(suffix)) {
      String rest = host.substring(0, host.length() - suffix.length());
      int dot = rest.lastIndexOf('.');
      if (dot > 0 && dot < rest.length() - 1) {
        return rest.substring(dot + 1) + "/" + rest.substring(0, dot);
      }
    }
    return namespace + "/" + host;
  }
}
