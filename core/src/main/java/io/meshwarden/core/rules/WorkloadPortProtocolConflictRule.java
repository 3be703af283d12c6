package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MW0101 (IST0116): a workload is behind several Services that give one port number different
 * protocols (TCP in one, UDP in another), so the proxy cannot build one listener for it.
 */
public final class WorkloadPortProtocolConflictRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0101", Severity.WARNING, "IST0116", "Services give one port different protocols");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    List<RuleResult> out = new ArrayList<>();
    for (WorkloadView w : namespace.workloads()) {
      List<ServiceFacts> services = Services.selecting(mesh, namespace.name(), w);
      if (services.size() < 2) {
        continue;
      }
      for (var c :
          Services.conflicts(
              services, ServiceFacts.ServicePort::port, ServiceFacts.ServicePort::protocol)) {
        out.add(result(w, c.key(), c.values(), c.services()));
      }
    }
    return out;
  }

  private static RuleResult result(
      WorkloadView w, int port, Set<String> protocols, Set<String> services) {
    return RuleResult.of(
        INFO,
        w.ref(),
        String.format(
            "%s: services %s give port %d different protocols %s; use one protocol per port"
                + " across the services that select it",
            Subjects.describe(w.ref()), String.join(",", services), port, protocols),
        Map.of(
            "port", Integer.toString(port),
            "protocols", String.join(",", protocols),
            "services", String.join(",", services)));
  }
}
