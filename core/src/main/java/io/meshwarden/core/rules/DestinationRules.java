package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.hosts.Hosts;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** DestinationRule lookups for the VirtualService, DestinationRule and canary rules. */
final class DestinationRules {

  private DestinationRules() {}

  /** The DestinationRule's host, qualified in its own namespace. */
  static String host(MeshIndex index, IstioConfigFacts dr) {
    return index.hosts().qualify(dr.spec().path("host").asText(""), dr.meta().namespace());
  }

  /** The DestinationRules visible from {@code client} whose host covers {@code fqdn}. */
  static List<IstioConfigFacts> forHost(MeshIndex index, String fqdn, String client) {
    return index.configs(FactKind.DestinationRule).stream()
        .filter(dr -> Specs.exportTo(dr).visible(dr.meta().namespace(), client))
        .filter(dr -> Hosts.covers(host(index, dr), fqdn))
        .toList();
  }

  /** Subset name to its labels, over every DestinationRule given. */
  static Map<String, Map<String, String>> subsets(List<IstioConfigFacts> drs) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (IstioConfigFacts dr : drs) {
      for (JsonNode s : dr.spec().path("subsets")) {
        out.putIfAbsent(s.path("name").asText(""), Specs.labels(s.path("labels")));
      }
    }
    return out;
  }
}
