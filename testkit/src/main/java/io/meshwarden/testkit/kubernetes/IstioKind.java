package io.meshwarden.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Locale;

/**
 * The Istio resource kinds the mock API server knows, with the CRDs that register them. Every kind
 * is namespaced, stores the newest version its group serves ({@code v1} for all but ProxyConfig,
 * which Istio serves as {@code v1beta1} only) and also serves the older versions Istio still
 * serves.
 */
public enum IstioKind {
  VIRTUAL_SERVICE(Group.NETWORKING, "VirtualService", "virtualservices", "vs"),
  DESTINATION_RULE(Group.NETWORKING, "DestinationRule", "destinationrules", "dr"),
  GATEWAY(Group.NETWORKING, "Gateway", "gateways", "gw"),
  SERVICE_ENTRY(Group.NETWORKING, "ServiceEntry", "serviceentries", "se"),
  WORKLOAD_ENTRY(Group.NETWORKING, "WorkloadEntry", "workloadentries", "we"),
  WORKLOAD_GROUP(Group.NETWORKING, "WorkloadGroup", "workloadgroups", "wg"),
  SIDECAR(Group.NETWORKING, "Sidecar", "sidecars", null),
  PROXY_CONFIG(Group.NETWORKING_BETA, "ProxyConfig", "proxyconfigs", null),
  PEER_AUTHENTICATION(Group.SECURITY, "PeerAuthentication", "peerauthentications", "pa"),
  AUTHORIZATION_POLICY(Group.SECURITY, "AuthorizationPolicy", "authorizationpolicies", "ap"),
  REQUEST_AUTHENTICATION(Group.SECURITY, "RequestAuthentication", "requestauthentications", "ra");

  /** An Istio API group and the versions it serves, newest first. */
  private enum Group {
    NETWORKING("networking.istio.io", List.of("v1", "v1beta1", "v1alpha3")),
    /** The networking kinds Istio serves as {@code v1beta1} only (ProxyConfig). */
    NETWORKING_BETA("networking.istio.io", List.of("v1beta1")),
    SECURITY("security.istio.io", List.of("v1", "v1beta1"));

    private final String name;
    private final List<String> versions;

    Group(String name, List<String> versions) {
      this.name = name;
      this.versions = versions;
    }
  }

  private final Group group;
  private final String kind;
  private final String plural;
  private final String shortName;

  IstioKind(Group group, String kind, String plural, String shortName) {
    this.group = group;
    this.kind = kind;
    this.plural = plural;
    this.shortName = shortName;
  }

  public String group() {
    return group.name;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  /** Versions served, newest first; the first is stored. */
  public List<String> versions() {
    return group.versions;
  }

  /** The stored and preferred version: the newest its group serves. */
  public String storageVersion() {
    return group.versions.get(0);
  }

  /** {@code group/<storage version>}, as in a manifest's {@code apiVersion}. */
  public String apiVersion() {
    return group.name + "/" + storageVersion();
  }

  /** For {@code client.genericKubernetesResources(..)} at the storage version. */
  public ResourceDefinitionContext context() {
    return context(storageVersion());
  }

  /** For {@code client.genericKubernetesResources(..)} at a served version. */
  public ResourceDefinitionContext context(String version) {
    if (!versions().contains(version)) {
      throw new IllegalArgumentException(kind + " is not served at " + version);
    }
    return new ResourceDefinitionContext.Builder()
        .withGroup(group.name)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }

  /** The CRD that registers this kind: schemaless, with a status subresource, as Istio's are. */
  public CustomResourceDefinition crd() {
    List<CustomResourceDefinitionVersion> served =
        versions().stream().map(v -> crdVersion(v, v.equals(storageVersion()))).toList();
    return new CustomResourceDefinitionBuilder()
        .withNewMetadata()
        .withName(plural + "." + group.name)
        .addToLabels("app", "istio-pilot")
        .endMetadata()
        .withNewSpec()
        .withGroup(group.name)
        .withScope("Namespaced")
        .withNewNames()
        .withKind(kind)
        .withListKind(kind + "List")
        .withPlural(plural)
        .withSingular(kind.toLowerCase(Locale.ROOT))
        .withShortNames(shortName == null ? List.of() : List.of(shortName))
        .withCategories("istio-io", group.name.substring(0, group.name.indexOf('.')) + "-istio-io")
        .endNames()
        .withVersions(served)
        .endSpec()
        .build();
  }

  private static CustomResourceDefinitionVersion crdVersion(String name, boolean storage) {
    return new CustomResourceDefinitionVersionBuilder()
        .withName(name)
        .withServed(true)
        .withStorage(storage)
        .withNewSchema()
        .withNewOpenAPIV3Schema()
        .withType("object")
        .withXKubernetesPreserveUnknownFields(true)
        .endOpenAPIV3Schema()
        .endSchema()
        .withNewSubresources()
        .withNewStatus()
        .endStatus()
        .endSubresources()
        .build();
  }
}
