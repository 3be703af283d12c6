package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.core.model.hosts.ExportTo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the parts of Istio config specs (JSON trees) the configuration rules look at. */
final class Specs {

  private Specs() {}

  /** The object as a finding subject. */
  static ObjectRef ref(IstioConfigFacts c) {
    return new ObjectRef(c.kind().name(), c.meta().namespace(), c.meta().name(), c.meta().uid());
  }

  /** The text items of an array node; empty when absent. */
  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** A string map node (labels, selectors); empty when absent. */
  static Map<String, String> labels(JsonNode map) {
    Map<String, String> out = new TreeMap<>();
    map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** A text field, null when absent or empty. */
  static String text(JsonNode node, String field) {
    String v = node.path(field).asText("");
    return v.isEmpty() ? null : v;
  }

  /** The {@code exportTo} of a VirtualService, DestinationRule or ServiceEntry. */
  static ExportTo exportTo(IstioConfigFacts c) {
    return new ExportTo(texts(c.spec().path("exportTo")));
  }

  /** A Sidecar's, ServiceEntry's or WorkloadGroup's {@code workloadSelector.labels}. */
  static Map<String, String> workloadSelector(IstioConfigFacts c) {
    return labels(c.spec().path("workloadSelector").path("labels"));
  }

  /** Whether a spec names a {@code workloadSelector} at all. */
  static boolean hasWorkloadSelector(IstioConfigFacts c) {
    return c.spec().path("workloadSelector").isObject();
  }
}
