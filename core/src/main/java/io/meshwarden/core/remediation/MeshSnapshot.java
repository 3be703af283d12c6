package io.meshwarden.core.remediation;

import io.meshwarden.core.model.MeshView;
import java.util.Map;
import java.util.Set;

/**
 * The control plane as the API server shows it now: the injector settings and webhooks (as the
 * model's {@link MeshView}), whether each revision has a ready istiod pod, and which services exist
 * in the control-plane namespace.
 *
 * @param readyIstiod revision → whether at least one of its istiod pods is ready
 * @param services {@code <namespace>/<name>} of existing services the webhooks may call
 */
public record MeshSnapshot(MeshView mesh, Map<String, Boolean> readyIstiod, Set<String> services) {

  public MeshSnapshot {
    readyIstiod = Map.copyOf(readyIstiod);
    services = Set.copyOf(services);
  }
}
