package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MW0102 (IST0137): a workload is behind several Services that send one targetPort through
 * different service ports, which gives the proxy two inbound configurations for one port.
 */
public final class WorkloadTargetPortConflictRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0102", Severity.WARNING, "IST0137", "Services map one targetPort to different ports");

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
              services, ServiceFacts.ServicePort::targetPort, ServiceFacts.ServicePort::port)) {
        String svc = String.join(",", c.services());
        out.add(
            RuleResult.of(
                INFO,
                w.ref(),
                String.format(
                    "%s: services %s map targetPort %s from different ports %s; use the"
                        + " same service port or different targetPorts",
                    Subjects.describe(w.ref()), svc, c.key(), c.values()),
                Map.of(
                    "targetPort", c.key(),
                    "ports", c.values().toString(),
                    "services", svc)));
      }
    }
    return out;
  }
}
