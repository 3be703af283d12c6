package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MW0140 (IST0134): a ServiceEntry with a TCP port (or one of no protocol, which Istio treats as
 * TCP) and no {@code addresses}: without a host name to match on, plain TCP traffic can only be
 * told apart by address, so the entry captures all traffic on that port or none.
 */
public final class ServiceEntryAddressesRequiredRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0140", Severity.WARNING, "IST0134", "TCP ServiceEntry without addresses");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    List<RuleResult> out = new ArrayList<>();
    for (IstioConfigFacts se : mesh.serviceEntries()) {
      if (se.spec().path("addresses").size() > 0) {
        continue;
      }
      Set<String> ports = new TreeSet<>();
      for (JsonNode p : se.spec().path("ports")) {
        String proto = p.path("protocol").asText("").toUpperCase(Locale.ROOT);
        if (proto.isEmpty() || proto.equals("TCP")) {
          ports.add(p.path("number").asText());
        }
      }
      if (!ports.isEmpty()) {
        String joined = String.join(",", ports);
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(se),
                String.format(
                    "%s: TCP port %s without addresses; add addresses (or give the port a"
                        + " protocol Istio can route by host, such as TLS or HTTP)",
                    Subjects.describe(Specs.ref(se)), joined),
                Map.of("ports", joined)));
      }
    }
    return out;
  }
}
