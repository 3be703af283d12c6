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
 * MW0101 (IST0116): a Deployment is behind several Services that give one port number different L4
 * protocols (TCP in one, UDP in another; unset is TCP), so the proxy cannot build one listener for
 * it. As istioctl: one result per (Deployment, port); only Deployments in the mesh ({@link
 * Deployments#inMesh}) and not waypoints; Services of its namespace whose selector matches its pod
 * template.
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
    for (WorkloadView d : Deployments.inMesh(namespace, mesh)) {
      List<ServiceFacts> services = Deployments.services(d, mesh);
      for (var c :
          Deployments.conflicts(services, ServiceFacts.ServicePort::port, Deployments::protocol)) {
        String svc = String.join(",", c.services());
        out.add(
            RuleResult.of(
                INFO,
                d.ref(),
                String.format(
                    "%s: services %s give port %d different protocols %s; use one protocol per"
                        + " port across the services that select it",
                    Subjects.describe(d.ref()), svc, c.key(), c.values()),
                Map.of(
                    "port", Integer.toString(c.key()),
                    "protocols", String.join(",", c.values()),
                    "services", svc)));
      }
    }
    return out;
  }
}
