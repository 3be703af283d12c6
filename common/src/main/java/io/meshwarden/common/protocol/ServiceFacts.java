package io.meshwarden.common.protocol;

import java.util.List;
import java.util.Map;

/** A Service: its type, selector and ports (names and appProtocol decide Istio's protocol). */
public record ServiceFacts(
    String schema,
    FactKind kind,
    FactMeta meta,
    String type,
    Map<String, String> selector,
    List<ServicePort> ports,
    String externalName,
    String clusterIP)
    implements ObjectFacts {

  public ServiceFacts {
    schema = Facts.schema(schema);
    kind = Facts.requireKind(kind, FactKind.Service);
    meta = Facts.meta(meta);
    selector = Facts.map(selector);
    ports = Facts.list(ports);
  }

  @Override
  public ServiceFacts withMeta(FactMeta m) {
    return new ServiceFacts(schema, kind, m, type, selector, ports, externalName, clusterIP);
  }

  /**
   * One service port.
   *
   * @param targetPort numeric or named, as written
   * @param protocol as written, or {@code TCP}, the API server's default, when left out
   * @param protocolDefaulted true when the object left {@code protocol} out and it reads TCP only
   *     by that default, which an object from a cluster never does and a file may; records written
   *     before this field read false
   */
  public record ServicePort(
      String name,
      int port,
      String targetPort,
      String protocol,
      String appProtocol,
      boolean protocolDefaulted) {

    /** A port whose {@code protocol} was written. */
    public ServicePort(
        String name, int port, String targetPort, String protocol, String appProtocol) {
      this(name, port, targetPort, protocol, appProtocol, false);
    }
  }
}
