package io.meshwarden.watcher.informers;

import java.util.List;

/**
 * Every kind the watcher informs on, with the API group and resource it reads. The RBAC manifest in
 * {@code deploy/} grants exactly these (a test compares the two).
 *
 * @param kind the Kubernetes kind
 * @param group the API group, empty for core
 * @param resource the plural resource name
 * @param versions versions to try, preferred first (Istio CRDs fall back to older ones)
 * @param namespaced whether objects live in namespaces
 * @param controlPlaneOnly whether it is watched only in the control-plane namespaces
 */
public record WatchedKind(
    String kind,
    String group,
    String resource,
    List<String> versions,
    boolean namespaced,
    boolean controlPlaneOnly) {

  public static final WatchedKind NAMESPACE = core("Namespace", "namespaces", false);
  public static final WatchedKind POD = core("Pod", "pods", true);
  public static final WatchedKind SERVICE = core("Service", "services", true);
  public static final WatchedKind SECRET = core("Secret", "secrets", true);
  public static final WatchedKind CONFIG_MAP =
      new WatchedKind("ConfigMap", "", "configmaps", List.of("v1"), true, true);
  public static final WatchedKind DEPLOYMENT = apps("Deployment", "deployments");
  public static final WatchedKind STATEFUL_SET = apps("StatefulSet", "statefulsets");
  public static final WatchedKind DAEMON_SET = apps("DaemonSet", "daemonsets");
  public static final WatchedKind REPLICA_SET = apps("ReplicaSet", "replicasets");
  public static final WatchedKind JOB =
      new WatchedKind("Job", "batch", "jobs", List.of("v1"), true, false);
  public static final WatchedKind PDB =
      new WatchedKind(
          "PodDisruptionBudget", "policy", "poddisruptionbudgets", List.of("v1"), true, false);
  public static final WatchedKind MUTATING_WEBHOOK =
      new WatchedKind(
          "MutatingWebhookConfiguration",
          "admissionregistration.k8s.io",
          "mutatingwebhookconfigurations",
          List.of("v1"),
          false,
          false);

  /**
   * The Istio kinds ({@code networking.istio.io} and PeerAuthentication of {@code
   * security.istio.io}), watched only when their CRD is installed.
   */
  public static final List<WatchedKind> ISTIO =
      List.of(
          istio("VirtualService", "virtualservices"),
          istio("DestinationRule", "destinationrules"),
          istio("Gateway", "gateways"),
          istio("ServiceEntry", "serviceentries"),
          istio("WorkloadEntry", "workloadentries"),
          istio("WorkloadGroup", "workloadgroups"),
          istio("Sidecar", "sidecars"),
          new WatchedKind(
              "PeerAuthentication",
              "security.istio.io",
              "peerauthentications",
              List.of("v1", "v1beta1"),
              true,
              false));

  /** The built-in kinds, always watched. */
  public static final List<WatchedKind> BUILT_IN =
      List.of(
          NAMESPACE,
          POD,
          DEPLOYMENT,
          STATEFUL_SET,
          DAEMON_SET,
          REPLICA_SET,
          JOB,
          SERVICE,
          SECRET,
          PDB,
          CONFIG_MAP,
          MUTATING_WEBHOOK);

  /** Everything, built-in first. */
  public static List<WatchedKind> all() {
    return java.util.stream.Stream.concat(BUILT_IN.stream(), ISTIO.stream()).toList();
  }

  /** Whether it is an Istio CRD kind, watched only once its CRD is installed. */
  public boolean istio() {
    return group.endsWith(".istio.io");
  }

  /** The CRD name, e.g. {@code virtualservices.networking.istio.io}. */
  public String crdName() {
    return resource + "." + group;
  }

  private static WatchedKind core(String kind, String resource, boolean namespaced) {
    return new WatchedKind(kind, "", resource, List.of("v1"), namespaced, false);
  }

  private static WatchedKind apps(String kind, String resource) {
    return new WatchedKind(kind, "apps", resource, List.of("v1"), true, false);
  }

  private static WatchedKind istio(String kind, String resource) {
    return new WatchedKind(
        kind, "networking.istio.io", resource, List.of("v1", "v1beta1", "v1alpha3"), true, false);
  }
}
