package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.MeshConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioVersion;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MW0140 (IST0134): a ServiceEntry with a TCP port (or one of no protocol, which Istio treats as
 * TCP) and no {@code addresses}: without a host name to match on, plain TCP traffic can only be
 * told apart by address. One result per ServiceEntry. As istioctl, silent when addresses are
 * allocated: mesh config {@code defaultConfig.proxyMetadata} has {@code
 * ISTIO_META_DNS_CAPTURE=true} and {@code ISTIO_META_DNS_AUTO_ALLOCATE=true} (or, from 1.25.4,
 * 1.26.1 and 1.27.0, {@code PILOT_ENABLE_IP_AUTOALLOCATE=true}), or (from 1.28.0) the
 * ServiceEntry's {@code status.addresses} is set.
 */
public final class ServiceEntryAddressesRequiredRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0140", Severity.WARNING, "IST0134", "TCP ServiceEntry without addresses");

  private final IstioVersion fixedVersion;

  public ServiceEntryAddressesRequiredRule() {
    this(null);
  }

  /** A rule that applies {@code version}'s semantics whatever the mesh runs (for tests). */
  ServiceEntryAddressesRequiredRule(IstioVersion version) {
    this.fixedVersion = version;
  }

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    IstioVersion version = fixedVersion != null ? fixedVersion : AnalyzerVersion.of(mesh);
    List<RuleResult> out = new ArrayList<>();
    if (autoAllocated(mesh, version)) {
      return out;
    }
    for (IstioConfigFacts se : mesh.serviceEntries()) {
      if (se.spec().path("addresses").size() > 0 || (version.atLeast(1, 28) && allocated(se))) {
        continue;
      }
      Set<String> ports = new TreeSet<>();
      for (JsonNode p : se.spec().path("ports")) {
        String proto = p.path("protocol").asText("").toUpperCase(Locale.ROOT);
        if (proto.isEmpty() || proto.equals("TCP")) {
          ports.add(p.path("number").asText());
        }
      }
      if (!ports.isEmpty()) {
        String joined = String.join(",", ports);
        out.add(
            RuleResult.of(
                INFO,
                Specs.ref(se),
                String.format(
                    "%s: TCP port %s without addresses; add addresses (or give the port a"
                        + " protocol Istio can route by host, such as TLS or HTTP)",
                    Subjects.describe(Specs.ref(se)), joined),
                Map.of("ports", joined)));
      }
    }
    return out;
  }

  private static boolean allocated(IstioConfigFacts se) {
    return se.status() != null && se.status().path("addresses").size() > 0;
  }

  /**
   * Whether some mesh config has DNS capture with address auto-allocation, as that release reads.
   */
  static boolean autoAllocated(MeshView mesh, IstioVersion version) {
    boolean ipAutoallocateCounts =
        version.atLeast(1, 27)
            || (version.minor() == 26 && version.atLeast(1, 26, 1))
            || (version.minor() == 25 && version.atLeast(1, 25, 4));
    for (MeshConfigFacts mc : mesh.meshConfigs().values()) {
      JsonNode md =
          mc.mesh() == null ? null : mc.mesh().path("defaultConfig").path("proxyMetadata");
      if (md == null || !"true".equals(md.path("ISTIO_META_DNS_CAPTURE").asText())) {
        continue;
      }
      if ("true".equals(md.path("ISTIO_META_DNS_AUTO_ALLOCATE").asText())
          || (ipAutoallocateCounts
              && "true".equals(md.path("PILOT_ENABLE_IP_AUTOALLOCATE").asText()))) {
        return true;
      }
    }
    return false;
  }
}
