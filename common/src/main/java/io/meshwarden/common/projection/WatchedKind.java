package io.meshwarden.common.projection;

import io.meshwarden.common.protocol.FactKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every Kubernetes and Istio kind meshwarden reads, in one table: its API group, plural resource,
 * versions, scope, and the projector that turns it into facts. {@link FactProjector} dispatches on
 * it; the watcher starts one informer per row; the watcher's RBAC test checks its ClusterRole
 * grants list and watch on exactly these rows. Adding a watched kind starts with a row here (see
 * {@code DESIGN.md} for the rest of the list).
 */
public enum WatchedKind {
  NAMESPACE(
      "Namespace", "", "namespaces", Versions.V1, Scope.CLUSTER, CoreKindsProjector::namespace),
  POD("Pod", "", "pods", Versions.V1, Scope.NAMESPACED, PodProjector::project),
  DEPLOYMENT(
      "Deployment", "apps", "deployments", Versions.APPS, Scope.NAMESPACED, WatchedKind::workload),
  STATEFUL_SET(
      "StatefulSet",
      "apps",
      "statefulsets",
      Versions.APPS,
      Scope.NAMESPACED,
      WatchedKind::workload),
  DAEMON_SET(
      "DaemonSet", "apps", "daemonsets", Versions.APPS, Scope.NAMESPACED, WatchedKind::workload),
  REPLICA_SET(
      "ReplicaSet", "apps", "replicasets", Versions.APPS, Scope.NAMESPACED, WatchedKind::workload),
  JOB("Job", "batch", "jobs", Versions.BATCH, Scope.NAMESPACED, WatchedKind::workload),
  SERVICE("Service", "", "services", Versions.V1, Scope.NAMESPACED, CoreKindsProjector::service),
  SECRET("Secret", "", "secrets", Versions.V1, Scope.NAMESPACED, CoreKindsProjector::secret),
  POD_DISRUPTION_BUDGET(
      "PodDisruptionBudget",
      "policy",
      "poddisruptionbudgets",
      Versions.V1,
      Scope.NAMESPACED,
      CoreKindsProjector::podDisruptionBudget),
  CONFIG_MAP(
      "ConfigMap", "", "configmaps", Versions.V1, Scope.CONTROL_PLANE, ConfigMapProjector::project),
  MUTATING_WEBHOOK_CONFIGURATION(
      "MutatingWebhookConfiguration",
      "admissionregistration.k8s.io",
      "mutatingwebhookconfigurations",
      Versions.V1,
      Scope.CLUSTER,
      WebhookProjector::project),
  VIRTUAL_SERVICE("VirtualService", "virtualservices"),
  DESTINATION_RULE("DestinationRule", "destinationrules"),
  GATEWAY("Gateway", "gateways"),
  SERVICE_ENTRY("ServiceEntry", "serviceentries"),
  WORKLOAD_ENTRY("WorkloadEntry", "workloadentries"),
  WORKLOAD_GROUP("WorkloadGroup", "workloadgroups"),
  SIDECAR("Sidecar", "sidecars"),
  PROXY_CONFIG(
      "ProxyConfig",
      "networking.istio.io",
      "proxyconfigs",
      Versions.ISTIO_NETWORKING_BETA,
      Scope.NAMESPACED,
      s -> IstioConfigProjector.project(s, FactKind.ProxyConfig)),
  PEER_AUTHENTICATION(
      "PeerAuthentication",
      "security.istio.io",
      "peerauthentications",
      Versions.ISTIO_SECURITY,
      Scope.NAMESPACED,
      PeerAuthenticationProjector::project);

  /** Where a kind's objects live and where the watcher reads them. */
  public enum Scope {
    /** Cluster-scoped objects. */
    CLUSTER,
    /** Namespaced objects, read in every namespace. */
    NAMESPACED,
    /** Namespaced objects, read only in the control-plane namespaces. */
    CONTROL_PLANE
  }

  /**
   * The versions read, preferred first, and whether any other version of the group is projected too
   * (a file may hold {@code apps/v1beta2}; Istio serves several versions of one schema).
   */
  private record Versions(List<String> names, boolean anyOfGroup) {
    static final Versions V1 = new Versions(List.of("v1"), false);
    static final Versions APPS = new Versions(List.of("v1"), true);
    static final Versions BATCH = new Versions(List.of("v1"), true);
    static final Versions ISTIO_NETWORKING =
        new Versions(List.of("v1", "v1beta1", "v1alpha3"), true);

    /** ProxyConfig: Istio serves it as {@code v1beta1} only. */
    static final Versions ISTIO_NETWORKING_BETA = new Versions(List.of("v1beta1"), true);

    static final Versions ISTIO_SECURITY = new Versions(List.of("v1", "v1beta1"), true);
  }

  private static final String ISTIO_NETWORKING = "networking.istio.io";
  private static final Map<String, WatchedKind> BY_KIND =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(WatchedKind::kind, k -> k));

  private final String kind;
  private final String group;
  private final String resource;
  private final Versions versions;
  private final Scope scope;
  private final Function<Source, Projection> projector;

  /** A {@code networking.istio.io} kind published as {@code IstioConfigFacts}, spec whole. */
  WatchedKind(String kind, String resource) {
    this(
        kind,
        ISTIO_NETWORKING,
        resource,
        Versions.ISTIO_NETWORKING,
        Scope.NAMESPACED,
        s -> IstioConfigProjector.project(s, FactKind.valueOf(s.kind())));
  }

  WatchedKind(
      String kind,
      String group,
      String resource,
      Versions versions,
      Scope scope,
      Function<Source, Projection> projector) {
    this.kind = kind;
    this.group = group;
    this.resource = resource;
    this.versions = versions;
    this.scope = scope;
    this.projector = projector;
  }

  /** The Kubernetes kind, e.g. {@code VirtualService}. */
  public String kind() {
    return kind;
  }

  /** The API group, empty for the core group. */
  public String group() {
    return group;
  }

  /** The plural resource name, e.g. {@code virtualservices}. */
  public String resource() {
    return resource;
  }

  /** The versions to read, preferred first (the watcher picks the first its cluster serves). */
  public List<String> versions() {
    return versions.names();
  }

  public Scope scope() {
    return scope;
  }

  public boolean namespaced() {
    return scope != Scope.CLUSTER;
  }

  /** Whether it is an Istio CRD kind, watched only once its CRD is installed. */
  public boolean istio() {
    return group.endsWith(".istio.io");
  }

  /** The CRD name, e.g. {@code virtualservices.networking.istio.io}. */
  public String crdName() {
    return resource + "." + group;
  }

  /** {@code group/version}, or the version alone for the core group. */
  public String apiVersion(String version) {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** Every kind in this table, in order. */
  public static List<WatchedKind> all() {
    return List.of(values());
  }

  /** The row of {@code kind}, or null when meshwarden does not read that kind. */
  static WatchedKind of(String kind) {
    return BY_KIND.get(kind);
  }

  /** Whether objects written as {@code apiVersion} are projected. */
  boolean reads(String apiVersion) {
    for (String v : versions.names()) {
      if (apiVersion.equals(apiVersion(v))) {
        return true;
      }
    }
    return versions.anyOfGroup()
        && apiVersion.length() > group.length() + 1
        && apiVersion.startsWith(group)
        && apiVersion.charAt(group.length()) == '/';
  }

  Projection project(Source s) {
    return projector.apply(s);
  }

  private static Projection workload(Source s) {
    return WorkloadProjector.project(s, FactKind.valueOf(s.kind()));
  }
}
