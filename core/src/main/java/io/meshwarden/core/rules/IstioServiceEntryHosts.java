package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.core.model.MeshIndex;
import io.meshwarden.core.model.hosts.HostPort;
import io.meshwarden.core.model.hosts.ServiceHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host table istioctl's VirtualService destination analyzer (IST0101 host, IST0112) and its
 * DestinationRule subset analyzer (IST0173, IST0174) look hosts up in, built and searched as those
 * analyzers do rather than as the data plane resolves names:
 *
 * <ul>
 *   <li>each ServiceEntry host, qualified in the entry's namespace when it has no dot and no {@code
 *       *}, under the scope {@code *} (no {@code exportTo}, or one containing {@code *}) or each
 *       {@code exportTo} entry ({@code .} = the entry's namespace); then each Service as {@code
 *       <name>.<namespace>.svc.<domain>} under each scope of its {@code
 *       networking.istio.io/exportTo} annotation. A later entry for the same scope and host
 *       replaces an earlier one, so Services win over ServiceEntries;
 *   <li>a host written by a VirtualService or DestinationRule, qualified in that object's
 *       namespace, is found under scope {@code *}; else under the object's namespace when the
 *       object has no {@code exportTo}, or under each of the object's own {@code exportTo} entries
 *       (the analyzers read the referring object's, not the host's); else when a wildcard entry of
 *       scope {@code *} or the object's namespace ends with the host's text after any leading
 *       {@code *}. Names compare case-sensitively, as written.
 * </ul>
 */
final class IstioServiceEntryHosts {

  /**
   * A host found, with the ports its declaring object lists and the labels of a ServiceEntry's
   * {@code workloadSelector} (none for a Service: the analyzers do not carry its selector over).
   */
  record Entry(String host, List<Integer> ports, Map<String, String> workloadSelector) {}

  private final String domain;
  private final Map<String, Entry> byScopedHost = new LinkedHashMap<>();

  private IstioServiceEntryHosts(String domain) {
    this.domain = domain;
  }

  static IstioServiceEntryHosts of(MeshIndex index) {
    IstioServiceEntryHosts t = new IstioServiceEntryHosts(index.hosts().domain());
    for (IstioConfigFacts se : index.configs(FactKind.ServiceEntry)) {
      t.addEntry(se);
    }
    for (ServiceHost h : index.hosts().hosts()) {
      if (h.isService()) {
        t.addService(h);
      }
    }
    return t;
  }

  private void addEntry(IstioConfigFacts se) {
    String ns = se.meta().namespace();
    List<Integer> ports = new ArrayList<>();
    se.spec().path("ports").forEach(p -> ports.add(p.path("number").asInt()));
    List<String> exportTo = Specs.texts(se.spec().path("exportTo"));
    for (JsonNode h : se.spec().path("hosts")) {
      Entry e = new Entry(qualify(h.asText(), ns), List.copyOf(ports), Specs.workloadSelector(se));
      if (exportTo.isEmpty() || exportTo.contains("*")) {
        put("*", e);
        continue;
      }
      for (String scope : exportTo) {
        put(scope.equals(".") ? ns : scope, e);
      }
    }
  }

  private void addService(ServiceHost h) {
    String ns = h.source().namespace();
    Entry e =
        new Entry(
            qualify(h.source().name(), ns),
            h.ports().stream().map(HostPort::number).toList(),
            Map.of());
    List<String> exportTo = h.exportTo().values();
    if (exportTo.isEmpty()) {
      put("*", e);
      return;
    }
    for (String scope : exportTo) {
      put(scope.equals(".") ? ns : scope, e);
    }
  }

  private void put(String scope, Entry e) {
    byScopedHost.put(scope + "/" + e.host(), e);
  }

  /** Istio's {@code ConvertHostToFQDN}: names without a dot or a leading {@code *} are short. */
  String qualify(String host, String namespace) {
    if (host.startsWith("*") || host.contains(".")) {
      return host;
    }
    return host + "." + namespace + ".svc." + domain;
  }

  /**
   * The entry {@code host}, written by {@code vs} (a VirtualService or DestinationRule), is found
   * as; null when istioctl finds none.
   */
  Entry find(IstioConfigFacts vs, String host) {
    String ns = vs.meta().namespace();
    String fqdn = qualify(host, ns);
    Entry e = byScopedHost.get("*/" + fqdn);
    if (e != null) {
      return e;
    }
    List<String> exportTo = Specs.texts(vs.spec().path("exportTo"));
    if (exportTo.isEmpty()) {
      e = byScopedHost.get(ns + "/" + fqdn);
      if (e != null) {
        return e;
      }
    }
    for (String scope : exportTo) {
      e = byScopedHost.get((scope.equals(".") ? ns : scope) + "/" + fqdn);
      if (e != null) {
        return e;
      }
    }
    String bare = host.startsWith("*") ? host.substring(1) : host;
    for (Map.Entry<String, Entry> entry : byScopedHost.entrySet()) {
      String key = entry.getKey();
      int slash = key.indexOf('/');
      String scope = key.substring(0, slash);
      String seHost = key.substring(slash + 1);
      if (seHost.startsWith("*")
          && (scope.equals("*") || scope.equals(ns))
          && bare.endsWith(seHost.substring(1))) {
        return entry.getValue();
      }
    }
    return null;
  }
}
