package io.meshwarden.common.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * A {@code security.istio.io} PeerAuthentication: which workloads it selects and the mTLS mode it
 * sets. Only what the rules read: the selector's labels, the top-level mode and the port-level
 * modes; no other part of the spec.
 *
 * <p>Published to the mesh topic, like the injector settings: a PeerAuthentication in the root
 * namespace applies to every namespace, so every shard needs all of them.
 *
 * @param apiVersion the version the cluster served it as, e.g. {@code security.istio.io/v1}
 * @param selector {@code spec.selector.matchLabels}; empty when the policy has no selector (or an
 *     empty one), which makes it namespace-wide, or mesh-wide in the root namespace
 * @param mode {@code spec.mtls.mode}: {@value #STRICT}, {@value #PERMISSIVE}, {@value #DISABLE} or
 *     {@value #UNSET} (also when {@code mtls} is absent); an unknown value is kept as written
 * @param portLevelMtls {@code spec.portLevelMtls}: the mode by port number
 */
public record PeerAuthenticationFacts(
    String schema,
    FactKind kind,
    FactMeta meta,
    String apiVersion,
    Map<String, String> selector,
    String mode,
    Map<String, String> portLevelMtls)
    implements ObjectFacts {

  public static final String STRICT = "STRICT";
  public static final String PERMISSIVE = "PERMISSIVE";
  public static final String DISABLE = "DISABLE";

  /** Inherit from the parent: the namespace's policy, else the mesh-wide one. */
  public static final String UNSET = "UNSET";

  public PeerAuthenticationFacts {
    schema = Facts.schema(schema);
    kind = Facts.requireKind(kind, FactKind.PeerAuthentication);
    meta = Facts.meta(meta);
    selector = Facts.map(selector);
    mode = mode == null || mode.isEmpty() ? UNSET : mode;
    portLevelMtls = Facts.map(portLevelMtls);
  }

  /** True when the policy selects no workloads: it applies to its whole namespace. */
  @JsonIgnore
  public boolean namespaceWide() {
    return selector.isEmpty();
  }

  @Override
  public PeerAuthenticationFacts withMeta(FactMeta m) {
    return new PeerAuthenticationFacts(schema, kind, m, apiVersion, selector, mode, portLevelMtls);
  }
}
