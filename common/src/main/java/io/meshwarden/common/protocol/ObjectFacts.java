package io.meshwarden.common.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The compact projection of one Kubernetes or Istio object that the watcher publishes: what the
 * rules need, never secrets, environment values or managed fields.
 *
 * <p>Every record carries {@code schema} ({@value Schemas#FACTS}), {@code kind} (the type
 * discriminator on the wire) and {@link FactMeta}. Kinds that share a shape share a record: the
 * five workload kinds are {@link WorkloadFacts}, the eight Istio networking kinds {@link
 * IstioConfigFacts}.
 */
@JsonTypeInfo(
    use = JsonTypeInfo.Id.NAME,
    include = JsonTypeInfo.As.EXISTING_PROPERTY,
    property = "kind",
    visible = true)
@JsonSubTypes({
  @JsonSubTypes.Type(value = NamespaceFacts.class, name = "Namespace"),
  @JsonSubTypes.Type(value = PodFacts.class, name = "Pod"),
  @JsonSubTypes.Type(
      value = WorkloadFacts.class,
      names = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}),
  @JsonSubTypes.Type(value = PodDisruptionBudgetFacts.class, name = "PodDisruptionBudget"),
  @JsonSubTypes.Type(value = ServiceFacts.class, name = "Service"),
  @JsonSubTypes.Type(value = SecretFacts.class, name = "Secret"),
  @JsonSubTypes.Type(
      value = IstioConfigFacts.class,
      names = {
        "VirtualService",
        "DestinationRule",
        "Gateway",
        "ServiceEntry",
        "WorkloadEntry",
        "WorkloadGroup",
        "Sidecar",
        "ProxyConfig"
      }),
  @JsonSubTypes.Type(value = InjectorConfigFacts.class, name = "InjectorConfig"),
  @JsonSubTypes.Type(value = WebhookConfigFacts.class, name = "MutatingWebhookConfiguration"),
  @JsonSubTypes.Type(value = RevisionTagFacts.class, name = "RevisionTag"),
  @JsonSubTypes.Type(value = MeshConfigFacts.class, name = "MeshConfig"),
  @JsonSubTypes.Type(value = PeerAuthenticationFacts.class, name = "PeerAuthentication")
})
public sealed interface ObjectFacts
    permits NamespaceFacts,
        PodFacts,
        WorkloadFacts,
        PodDisruptionBudgetFacts,
        ServiceFacts,
        SecretFacts,
        IstioConfigFacts,
        InjectorConfigFacts,
        WebhookConfigFacts,
        RevisionTagFacts,
        MeshConfigFacts,
        PeerAuthenticationFacts {

  String schema();

  FactKind kind();

  FactMeta meta();

  /** The same facts with other metadata, e.g. without the version fields for comparison. */
  ObjectFacts withMeta(FactMeta meta);

  /**
   * The same facts without {@code resourceVersion} and {@code observedAt}: two versions of an
   * object whose facts did not change compare equal in this form.
   */
  default ObjectFacts withoutVersion() {
    FactMeta m = meta();
    return withMeta(
        new FactMeta(
            m.cluster(),
            m.namespace(),
            m.name(),
            m.uid(),
            null,
            null,
            m.creationTimestamp(),
            m.labels(),
            m.annotations()));
  }

  /**
   * The Kafka record key: {@code <namespace>/<Kind>/<name>} on the objects topic, {@code
   * <Kind>/<namespace>/<name>} on the mesh topic (empty namespace for cluster-scoped objects).
   */
  @JsonIgnore
  default String key() {
    return FactKeys.keyOf(kind(), meta().namespace(), meta().name());
  }
}
