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
 * MW0102 (IST0137): a Deployment is behind several Services that send one targetPort through
 * different service ports, which gives the proxy two inbound configurations for one port. As
 * istioctl: one result per (Deployment, targetPort), the targetPort as written (a name stays a
 * name; unset means the port); the same Deployments and Services as MW0101.
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
    for (WorkloadView d : Deployments.inMesh(namespace, mesh)) {
      List<ServiceFacts> services = Deployments.services(d, mesh);
      for (var c :
          Deployments.conflicts(
              services, Deployments::targetPort, p -> String.format("%05d", p.port()))) {
        String svc = String.join(",", c.services());
        List<String> ports =
            c.values().stream().map(v -> Integer.toString(Integer.parseInt(v))).toList();
        out.add(
            RuleResult.of(
                INFO,
                d.ref(),
                String.format(
                    "%s: services %s map targetPort %s from different ports %s; use the"
                        + " same service port or different targetPorts",
                    Subjects.describe(d.ref()), svc, c.key(), ports),
                Map.of("targetPort", c.key(), "ports", ports.toString(), "services", svc)));
      }
    }
    return out;
  }
}
