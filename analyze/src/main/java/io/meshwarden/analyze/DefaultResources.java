package io.meshwarden.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.protocol.MeshConfigFacts;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.ObjectRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The objects {@code istioctl analyze} assumes when it reads files without a cluster: its default
 * ingress gateway, a pod labelled {@code istio=ingressgateway} and the Service in front of it, in
 * {@code istio-system}. Without them a Gateway that selects the ingress gateway (as Istio's own
 * samples do) would select nothing. As istioctl, the mesh config's {@code ingressService} names
 * them ({@code istio-ingressgateway} by default) and {@code ingressControllerMode: OFF} leaves them
 * out. An object the input declares itself is not added again, and findings about the added objects
 * are not reported: the user did not write them.
 *
 * @param facts the input's facts followed by the added ones
 * @param added {@code Kind/namespace/name} of each added object
 */
record DefaultResources(List<ObjectFacts> facts, Set<String> added) {

  private static final String TEMPLATE = "default-ingress-gateway.json";
  private static final String DEFAULT_SERVICE = "istio-ingressgateway";
  private static final ObjectMapper JSON = new ObjectMapper();

  DefaultResources {
    facts = List.copyOf(facts);
    added = Set.copyOf(added);
  }

  /** {@code facts} with the default objects added, as {@code projector} projects them. */
  static DefaultResources addTo(List<ObjectFacts> facts, FactProjector projector) {
    String service = DEFAULT_SERVICE;
    for (ObjectFacts f : facts) {
      if (f instanceof MeshConfigFacts mc && mc.mesh() != null) {
        if ("OFF".equals(mc.mesh().path("ingressControllerMode").asText())) {
          return new DefaultResources(facts, Set.of());
        }
        service = mc.mesh().path("ingressService").asText(service);
      }
    }
    Set<String> declared = new HashSet<>();
    facts.forEach(f -> declared.add(key(f)));
    List<ObjectFacts> out = new ArrayList<>(facts);
    Set<String> added = new HashSet<>();
    for (ObjectFacts f : project(service, projector)) {
      if (declared.add(key(f))) {
        out.add(f);
        added.add(key(f));
      }
    }
    return new DefaultResources(out, added);
  }

  /** Whether {@code ref} is an object this added. */
  boolean isAdded(ObjectRef ref) {
    return added.contains(ref.kind() + "/" + ref.namespace() + "/" + ref.name());
  }

  private static List<ObjectFacts> project(String service, FactProjector projector) {
    try (InputStream in = DefaultResources.class.getResourceAsStream(TEMPLATE)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<ObjectFacts> out = new ArrayList<>();
      for (JsonNode object : JSON.readTree(text.replace("${name}", service))) {
        out.addAll(projector.project(object).facts());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String key(ObjectFacts f) {
    return f.kind() + "/" + f.meta().namespace() + "/" + f.meta().name();
  }
}
