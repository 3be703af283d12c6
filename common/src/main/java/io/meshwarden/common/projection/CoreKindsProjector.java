package io.meshwarden.common.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.PodDisruptionBudgetFacts;
import io.meshwarden.common.protocol.SecretFacts;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.ServiceFacts.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Projects the small core kinds: Namespace, Service, Secret and PodDisruptionBudget.
 *
 * <p>Service fields the API server defaults ({@code type: ClusterIP}, a port's {@code protocol:
 * TCP} and {@code targetPort} = {@code port}) are defaulted here too, so a Service read from a file
 * projects like the same Service read from a cluster; a port records whether its protocol was
 * defaulted, since istioctl on files reads such a port as having none. A Secret's {@code data} and
 * {@code stringData} are never read.
 */
final class CoreKindsProjector {

  private CoreKindsProjector() {}

  static Projection namespace(Source src) {
    FactMeta meta = src.meta(false);
    String phase;
    try {
      phase = src.intern(Nodes.text(Nodes.object(src.object(), "status"), "phase"));
    } catch (InvalidField e) {
      throw e.under("status");
    }
    return src.projected(NamespaceFacts.of(meta, phase));
  }

  static Projection secret(Source src) {
    String type = Nodes.text(src.object(), "type");
    return src.projected(
        new SecretFacts(null, null, src.meta(true), type == null ? "Opaque" : src.intern(type)));
  }

  static Projection service(Source src) {
    FactMeta meta = src.meta(true);
    JsonNode spec = Nodes.object(src.object(), "spec");
    try {
      String type = Nodes.text(spec, "type");
      Map<String, String> selector = src.stringMap(spec, "selector");
      List<ServicePort> ports = ports(src, spec);
      return src.projected(
          new ServiceFacts(
              null,
              null,
              meta,
              type == null ? "ClusterIP" : src.intern(type),
              selector,
              ports,
              Nodes.text(spec, "externalName"),
              Nodes.text(spec, "clusterIP")));
    } catch (InvalidField e) {
      throw e.under("spec");
    }
  }

  private static List<ServicePort> ports(Source src, JsonNode spec) {
    JsonNode array = Nodes.array(spec, "ports");
    if (array == null || array.isEmpty()) {
      return List.of();
    }
    List<ServicePort> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode p = array.get(i);
      try {
        if (!p.isObject()) {
          throw new InvalidField("", "expected a port but got " + Nodes.describe(p));
        }
        int port = Nodes.requiredInt(p, "port");
        String target = Nodes.intOrString(p, "targetPort");
        String protocol = Nodes.text(p, "protocol");
        out.add(
            new ServicePort(
                src.intern(Nodes.text(p, "name")),
                port,
                target == null ? Integer.toString(port) : src.intern(target),
                protocol == null ? "TCP" : src.intern(protocol),
                src.intern(Nodes.text(p, "appProtocol")),
                protocol == null));
      } catch (InvalidField e) {
        throw e.under("ports[" + i + "]");
      }
    }
    return out;
  }

  static Projection podDisruptionBudget(Source src) {
    FactMeta meta = src.meta(true);
    JsonNode spec = Nodes.object(src.object(), "spec");
    LabelSelector selector;
    String minAvailable;
    String maxUnavailable;
    try {
      selector = Selectors.read(src, spec, "selector");
      minAvailable = Nodes.intOrString(spec, "minAvailable");
      maxUnavailable = Nodes.intOrString(spec, "maxUnavailable");
    } catch (InvalidField e) {
      throw e.under("spec");
    }
    JsonNode status = Nodes.object(src.object(), "status");
    try {
      return src.projected(
          new PodDisruptionBudgetFacts(
              null,
              null,
              meta,
              selector,
              minAvailable,
              maxUnavailable,
              Nodes.integer(status, "currentHealthy"),
              Nodes.integer(status, "desiredHealthy"),
              Nodes.integer(status, "disruptionsAllowed")));
    } catch (InvalidField e) {
      throw e.under("status");
    }
  }
}
