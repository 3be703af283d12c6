package io.meshwarden.common.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * Names one object: the subject of a finding or the target of a remediation.
 *
 * @param kind the Kubernetes kind, e.g. {@code Deployment}
 * @param namespace the namespace, {@code ""} for cluster-scoped objects
 * @param uid the uid when known; not part of identity (a recreated object keeps its findings)
 */
public record ObjectRef(String kind, String namespace, String name, String uid) {

  public ObjectRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    namespace = namespace == null ? "" : namespace;
  }

  /** {@code <namespace>/<kind>/<name>}: the Kafka key of requests and records about it. */
  @JsonIgnore
  public String key() {
    return namespace + "/" + kind + "/" + name;
  }
}
