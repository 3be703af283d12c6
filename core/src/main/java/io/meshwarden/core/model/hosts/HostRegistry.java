package io.meshwarden.core.model.hosts;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.ServiceFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every host the mesh knows (Kubernetes Services and ServiceEntry hosts) and the lookups the
 * configuration rules need: which hosts a name in a given namespace resolves to, honouring short
 * names, FQDNs, wildcards and {@code exportTo}. Immutable.
 */
public final class HostRegistry {

  private final String domain;
  private final List<ServiceHost> hosts;

  private HostRegistry(String domain, List<ServiceHost> hosts) {
    this.domain = domain;
    this.hosts = List.copyOf(hosts);
  }

  /** A registry of {@code services} and the hosts of {@code serviceEntries}. */
  public static HostRegistry of(
      String domain, List<ServiceFacts> services, List<IstioConfigFacts> serviceEntries) {
    List<ServiceHost> hosts = new ArrayList<>();
    for (ServiceFacts s : services) {
      hosts.add(serviceHost(s, domain));
    }
    for (IstioConfigFacts se : serviceEntries) {
      hosts.addAll(entryHosts(se, domain));
    }
    return new HostRegistry(domain, hosts);
  }

  public String domain() {
    return domain;
  }

  public List<ServiceHost> hosts() {
    return hosts;
  }

  /** Whether the registry holds nothing, i.e. the input had no Services or ServiceEntries. */
  public boolean isEmpty() {
    return hosts.isEmpty();
  }

  /** {@code host} as a resource in {@code namespace} means it. */
  public String qualify(String host, String namespace) {
    return Hosts.qualify(host, namespace, domain);
  }

  /**
   * The hosts visible from {@code namespace} that {@code host} (as written by a resource in that
   * namespace) can name: equal names, and wildcards on either side.
   */
  public List<ServiceHost> resolve(String host, String namespace) {
    String fqdn = qualify(host, namespace);
    return hosts.stream()
        .filter(h -> h.visibleFrom(namespace) && Hosts.intersect(h.host(), fqdn))
        .toList();
  }

  /** The Kubernetes Service {@code host} names exactly from {@code namespace}, if visible. */
  public List<ServiceHost> services(String host, String namespace) {
    String fqdn = qualify(host, namespace);
    return hosts.stream()
        .filter(h -> h.isService() && h.visibleFrom(namespace) && h.host().equals(fqdn))
        .toList();
  }

  private static ServiceHost serviceHost(ServiceFacts s, String domain) {
    List<HostPort> ports = new ArrayList<>();
    for (ServiceFacts.ServicePort p : s.ports()) {
      ports.add(new HostPort(p.port(), p.name(), serviceProtocol(p)));
    }
    ObjectRef ref = new ObjectRef("Service", s.meta().namespace(), s.meta().name(), s.meta().uid());
    return new ServiceHost(
        Hosts.serviceFqdn(s.meta().name(), s.meta().namespace(), domain),
        ref,
        ports,
        ExportTo.parse(s.meta().annotations().get(ExportTo.SERVICE_ANNOTATION)),
        s.selector());
  }

  /** Istio's protocol of a Service port: appProtocol, else the name up to the first dash. */
  static String serviceProtocol(ServiceFacts.ServicePort p) {
    String proto = p.appProtocol();
    if (proto == null && p.name() != null) {
      int dash = p.name().indexOf('-');
      proto = dash < 0 ? p.name() : p.name().substring(0, dash);
    }
    return proto == null || proto.isEmpty() ? null : proto.toUpperCase(Locale.ROOT);
  }

  private static List<ServiceHost> entryHosts(IstioConfigFacts se, String domain) {
    JsonNode spec = se.spec();
    List<HostPort> ports = new ArrayList<>();
    for (JsonNode p : spec.path("ports")) {
      String proto = p.path("protocol").asText("");
      ports.add(
          new HostPort(
              p.path("number").asInt(),
              p.path("name").asText(null),
              proto.isEmpty() ? null : proto.toUpperCase(Locale.ROOT)));
    }
    List<String> export = new ArrayList<>();
    spec.path("exportTo").forEach(n -> export.add(n.asText()));
    ObjectRef ref =
        new ObjectRef("ServiceEntry", se.meta().namespace(), se.meta().name(), se.meta().uid());
    List<ServiceHost> out = new ArrayList<>();
    for (JsonNode h : spec.path("hosts")) {
      out.add(
          new ServiceHost(
              Hosts.qualify(h.asText(), se.meta().namespace(), domain),
              ref,
              ports,
              new ExportTo(export),
              Map.of()));
    }
    return out;
  }
}
