package io.meshwarden.core.model.hosts;

import io.meshwarden.common.protocol.ObjectRef;
import java.util.List;
import java.util.Map;

/**
 * One host the mesh knows, with the object that declares it: a Kubernetes Service ({@code
 * <name>.<namespace>.svc.<domain>}) or one host of a ServiceEntry (possibly a wildcard).
 *
 * @param host the fully qualified host, lower case
 * @param source the Service or ServiceEntry
 * @param ports the ports it serves
 * @param exportTo who can see it
 * @param selector the Service's pod selector; empty for ServiceEntries and selector-less Services
 */
public record ServiceHost(
    String host,
    ObjectRef source,
    List<HostPort> ports,
    ExportTo exportTo,
    Map<String, String> selector) {

  public ServiceHost {
    ports = List.copyOf(ports);
    selector = selector == null ? Map.of() : Map.copyOf(selector);
  }

  /** Whether this is a Kubernetes Service (rather than a ServiceEntry host). */
  public boolean isService() {
    return "Service".equals(source.kind());
  }

  /** Whether a resource in {@code client} can see this host. */
  public boolean visibleFrom(String client) {
    return exportTo.visible(source.namespace(), client);
  }
}
