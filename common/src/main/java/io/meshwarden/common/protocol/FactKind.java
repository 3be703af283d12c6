package io.meshwarden.common.protocol;

/**
 * Every kind of object the watcher publishes, and the topic family each one lands in.
 *
 * <p>{@link Topic#OBJECTS} holds what one shard needs about one namespace; {@link Topic#MESH} holds
 * mesh-wide reference data every shard reads whole (namespaces' labels, services' hosts, gateways,
 * service entries, injector settings, webhooks, revision tags, mesh config, PeerAuthentications,
 * ProxyConfigs).
 */
public enum FactKind {
  Namespace(Topic.MESH, false),
  Pod(Topic.OBJECTS, true),
  Deployment(Topic.OBJECTS, true),
  StatefulSet(Topic.OBJECTS, true),
  DaemonSet(Topic.OBJECTS, true),
  ReplicaSet(Topic.OBJECTS, true),
  Job(Topic.OBJECTS, true),
  PodDisruptionBudget(Topic.OBJECTS, true),
  Service(Topic.MESH, true),
  Secret(Topic.OBJECTS, true),
  VirtualService(Topic.OBJECTS, Shape.ISTIO_CONFIG),
  DestinationRule(Topic.OBJECTS, Shape.ISTIO_CONFIG),
  Gateway(Topic.MESH, Shape.ISTIO_CONFIG),
  ServiceEntry(Topic.MESH, Shape.ISTIO_CONFIG),
  WorkloadEntry(Topic.OBJECTS, Shape.ISTIO_CONFIG),
  WorkloadGroup(Topic.OBJECTS, Shape.ISTIO_CONFIG),
  Sidecar(Topic.OBJECTS, Shape.ISTIO_CONFIG),
  /**
   * On the mesh topic although namespaced: one in the root namespace sets the proxy image type of
   * every namespace's pods, so every shard needs them all.
   */
  ProxyConfig(Topic.MESH, Shape.ISTIO_CONFIG),
  InjectorConfig(Topic.MESH, true),
  MutatingWebhookConfiguration(Topic.MESH, false),
  RevisionTag(Topic.MESH, false),
  MeshConfig(Topic.MESH, true),
  /**
   * On the mesh topic although namespaced: one in the root namespace applies to every namespace, so
   * every shard needs them all (as it needs the injector settings).
   */
  PeerAuthentication(Topic.MESH, true);

  /** The record a kind is published as, where it is not a record of its own. */
  private enum Shape {
    OWN,
    /** {@link IstioConfigFacts}: a namespaced {@code networking.istio.io} kind, spec whole. */
    ISTIO_CONFIG
  }

  /** The topic family a kind is published to. */
  public enum Topic {
    OBJECTS,
    MESH
  }

  private final Topic topic;
  private final boolean namespaced;
  private final Shape shape;

  FactKind(Topic topic, boolean namespaced) {
    this.topic = topic;
    this.namespaced = namespaced;
    this.shape = Shape.OWN;
  }

  /** A namespaced Istio networking kind published as {@link IstioConfigFacts}. */
  FactKind(Topic topic, Shape shape) {
    this.topic = topic;
    this.namespaced = true;
    this.shape = shape;
  }

  public Topic topic() {
    return topic;
  }

  public boolean namespaced() {
    return namespaced;
  }

  /** True for the pod-owning workload kinds. */
  public boolean isWorkload() {
    return switch (this) {
      case Deployment, StatefulSet, DaemonSet, ReplicaSet, Job -> true;
      default -> false;
    };
  }

  /** True for the {@code networking.istio.io} kinds published with their spec as a JSON tree. */
  public boolean isIstioConfig() {
    return shape == Shape.ISTIO_CONFIG;
  }
}
