package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import io.meshwarden.core.model.NamespaceView;
import java.util.List;
import java.util.Map;

/**
 * MW0153 (meshwarden's own): a WorkloadEntry has no {@code address} and no {@code network} (an
 * entry on another network is reached through that network's gateway), so nothing can reach it.
 */
public final class WorkloadEntryAddressMissingRule implements NamespaceRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0153", Severity.WARNING, null, "WorkloadEntry without address");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(NamespaceView namespace, MeshView mesh) {
    return namespace.istioConfig(FactKind.WorkloadEntry).stream()
        .filter(
            we ->
                Specs.text(we.spec(), "address") == null
                    && Specs.text(we.spec(), "network") == null)
        .map(
            we ->
                RuleResult.of(
                    INFO,
                    Specs.ref(we),
                    String.format(
                        "%s: no address; set spec.address to the VM's IP or DNS name",
                        Subjects.describe(Specs.ref(we))),
                    Map.<String, String>of()))
        .toList();
  }
}
