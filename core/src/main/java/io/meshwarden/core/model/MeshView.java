package io.meshwarden.core.model;

import io.meshwarden.common.protocol.InjectorConfigFacts;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.MeshConfigFacts;
import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.PeerAuthenticationFacts;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.WebhookConfigFacts;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything mesh-wide a rule may consult, immutable: the control plane (revisions, tags, injector
 * settings, webhooks), namespaces' labels, services, gateways and service entries. Build one with
 * {@link MeshViewBuilder}. A class rather than a record so that derived lookups (known revisions,
 * the default revision) are computed once.
 *
 * <ul>
 *   <li>{@code asOf}: the evaluation time (rules that judge durations compare against it)
 *   <li>{@code injectors}: injector settings by revision ({@code default} for the unnamed one)
 *   <li>{@code tags}: revision tags, tag to revision
 *   <li>{@code istiodRevisions}: revisions seen running as istiod pods
 *   <li>{@code peerAuthentication}: namespace-wide mTLS modes by namespace, key {@code ""} for
 *       mesh-wide (the root namespace's), resolved from PeerAuthentication facts as istiod does;
 *       empty when the input held none (the mode is then unknown, never assumed)
 *   <li>{@code peerAuthentications}: every PeerAuthentication as it was projected, of every
 *       namespace (for rules that judge the objects themselves rather than the modes)
 *   <li>{@code proxyConfigs}: every ProxyConfig resource, of every namespace (one in the root
 *       namespace applies to all, see {@link ProxyImages})
 * </ul>
 */
public final class MeshView {

  /** The revision every unlabelled default asks for when it exists. */
  public static final String DEFAULT = "default";

  private final Instant asOf;
  private final Map<String, NamespaceFacts> namespaces;
  private final Map<String, InjectorConfigFacts> injectors;
  private final List<WebhookConfigFacts> webhooks;
  private final Map<String, String> tags;
  private final Set<String> istiodRevisions;
  private final List<ServiceFacts> services;
  private final List<IstioConfigFacts> gateways;
  private final List<IstioConfigFacts> serviceEntries;
  private final Map<String, MeshConfigFacts> meshConfigs;
  private final Map<String, String> peerAuthentication;
  private final Map<String, List<PeerAuthenticationFacts>> workloadPeerAuthentications;
  private final List<PeerAuthenticationFacts> peerAuthentications;
  private final List<IstioConfigFacts> proxyConfigs;
  private final RevisionVersions versions;
  private final List<WebhookConfigFacts> activeWebhooks;
  private final Set<String> knownRevisions;
  private final Optional<String> defaultRevision;

  public MeshView(
      Instant asOf,
      Map<String, NamespaceFacts> namespaces,
      Map<String, InjectorConfigFacts> injectors,
      List<WebhookConfigFacts> webhooks,
      Map<String, String> tags,
      Set<String> istiodRevisions,
      List<ServiceFacts> services,
      List<IstioConfigFacts> gateways,
      List<IstioConfigFacts> serviceEntries,
      Map<String, MeshConfigFacts> meshConfigs,
      Map<String, String> peerAuthentication,
      Map<String, List<PeerAuthenticationFacts>> workloadPeerAuthentications,
      List<PeerAuthenticationFacts> peerAuthentications,
      List<IstioConfigFacts> proxyConfigs,
      RevisionVersions versions) {
    this.asOf = asOf;
    this.namespaces = Map.copyOf(namespaces);
    this.injectors = Map.copyOf(injectors);
    this.webhooks = List.copyOf(webhooks);
    this.tags = Map.copyOf(tags);
    this.istiodRevisions = Set.copyOf(istiodRevisions);
    this.services = List.copyOf(services);
    this.gateways = List.copyOf(gateways);
    this.serviceEntries = List.copyOf(serviceEntries);
    this.meshConfigs = Map.copyOf(meshConfigs);
    this.peerAuthentication = Map.copyOf(peerAuthentication);
    Map<String, List<PeerAuthenticationFacts>> byNamespace = new HashMap<>();
    workloadPeerAuthentications.forEach((ns, l) -> byNamespace.put(ns, List.copyOf(l)));
    this.workloadPeerAuthentications = Map.copyOf(byNamespace);
    this.peerAuthentications = List.copyOf(peerAuthentications);
    this.proxyConfigs = List.copyOf(proxyConfigs);
    this.versions = versions;
    this.activeWebhooks = webhooks.stream().filter(InjectorWebhooks::active).toList();
    this.knownRevisions =
        Collections.unmodifiableSet(revisionsOf(injectors, activeWebhooks, istiodRevisions));
    this.defaultRevision = activeWebhooks.isEmpty() ? defaultByTags() : defaultByWebhooks();
  }

  /** Without webhooks in the input: the {@code default} tag's target, else revision default. */
  private Optional<String> defaultByTags() {
    String tagged = tags.get(DEFAULT);
    return tagged != null
        ? Optional.of(tagged)
        : knownRevisions.contains(DEFAULT) ? Optional.of(DEFAULT) : Optional.empty();
  }

  /**
   * With webhooks: the revision whose webhook a pod in an {@code istio-injection=enabled} namespace
   * calls.
   */
  private Optional<String> defaultByWebhooks() {
    return InjectorWebhooks.serving(
        activeWebhooks, null, Map.of(IstioKeys.ISTIO_INJECTION, "enabled"), Map.of());
  }

  public Instant asOf() {
    return asOf;
  }

  public Map<String, NamespaceFacts> namespaces() {
    return namespaces;
  }

  public Map<String, InjectorConfigFacts> injectors() {
    return injectors;
  }

  public List<WebhookConfigFacts> webhooks() {
    return webhooks;
  }

  public Map<String, String> tags() {
    return tags;
  }

  public Set<String> istiodRevisions() {
    return istiodRevisions;
  }

  public List<ServiceFacts> services() {
    return services;
  }

  public List<IstioConfigFacts> gateways() {
    return gateways;
  }

  public List<IstioConfigFacts> serviceEntries() {
    return serviceEntries;
  }

  public Map<String, MeshConfigFacts> meshConfigs() {
    return meshConfigs;
  }

  public Map<String, String> peerAuthentication() {
    return peerAuthentication;
  }

  /** Every ProxyConfig resource seen, of every namespace, in no particular order. */
  /** Every PeerAuthentication, of every namespace, as projected. */
  public List<PeerAuthenticationFacts> peerAuthentications() {
    return peerAuthentications;
  }

  public List<IstioConfigFacts> proxyConfigs() {
    return proxyConfigs;
  }

  private static Set<String> revisionsOf(
      Map<String, InjectorConfigFacts> injectors,
      List<WebhookConfigFacts> webhooks,
      Set<String> istiodRevisions) {
    Set<String> revs = new TreeSet<>(injectors.keySet());
    revs.addAll(istiodRevisions);
    for (WebhookConfigFacts w : webhooks) {
      if (w.tag() == null && w.revision() != null) {
        revs.add(w.revision());
      }
    }
    return revs;
  }

  /** An empty mesh: no control plane known. */
  public static MeshView empty(Instant asOf) {
    return new MeshViewBuilder(asOf).build();
  }

  /**
   * Whether the input describes the control plane at all (injector ConfigMaps, webhook
   * configurations, revision tags or istiod pods). Without it revisions cannot be resolved and
   * rules that need them stay silent.
   */
  public boolean hasControlPlane() {
    return !injectors.isEmpty()
        || !webhooks.isEmpty()
        || !tags.isEmpty()
        || !istiodRevisions.isEmpty();
  }

  /** Every istiod revision the control plane shows, sorted. Tags are not revisions. */
  public Set<String> knownRevisions() {
    return knownRevisions;
  }

  /**
   * The istiod revision a revision label names, as istio.md §1 resolves it: the tag's target when a
   * tag of that name exists (so {@code default} follows {@code istioctl tag set default}), else
   * itself when it is a revision; empty when neither is known.
   */
  public Optional<String> resolve(String revisionOrTag) {
    if (revisionOrTag == null) {
      return Optional.empty();
    }
    String target = tags.get(revisionOrTag);
    if (target != null) {
      return Optional.of(target);
    }
    return knownRevisions().contains(revisionOrTag) ? Optional.of(revisionOrTag) : Optional.empty();
  }

  /** Whether a revision label names a known revision or tag. */
  public boolean isKnownRevisionOrTag(String revisionOrTag) {
    return tags.containsKey(revisionOrTag) || knownRevisions().contains(revisionOrTag);
  }

  /**
   * The revision that serves {@code istio-injection=enabled} and {@code sidecar.istio.io/inject=
   * true}: the {@code default} tag's target, else the revision named {@code default}.
   */
  public Optional<String> defaultRevision() {
    return defaultRevision;
  }

  /** The injector settings of a revision, if its ConfigMap is known. */
  public Optional<InjectorConfigFacts> injector(String revision) {
    return revision == null ? Optional.empty() : Optional.ofNullable(injectors.get(revision));
  }

  /**
   * Whether pods of namespaces that carry no injection label at all are injected: with webhooks in
   * the input, whether an active webhook ({@code auto.*}) is called for such a pod; without, the
   * default revision's {@code enableNamespacesByDefault}.
   */
  public boolean enableNamespacesByDefault() {
    if (!activeWebhooks.isEmpty()) {
      return InjectorWebhooks.serving(activeWebhooks, "any-namespace", Map.of(), Map.of())
          .isPresent();
    }
    return defaultRevision()
        .flatMap(this::injector)
        .map(i -> Boolean.TRUE.equals(i.enableNamespacesByDefault()))
        .orElse(false);
  }

  /**
   * Whether stage 1 is read from the injector webhooks (the input holds an active one) rather than
   * derived from revision tags and injector ConfigMaps.
   */
  public boolean routesByWebhooks() {
    return !activeWebhooks.isEmpty();
  }

  /** The revision whose webhook a pod with {@code podLabels} created in {@code namespace} calls. */
  public Optional<String> servingRevision(String namespace, Map<String, String> podLabels) {
    return InjectorWebhooks.serving(
        activeWebhooks, namespace, namespaceLabels(namespace), podLabels);
  }

  /**
   * The Istio release a revision (or a tag, resolved first) runs, as the input shows it or as
   * {@code analyze --istio-version} assumed it; empty when unknown. A null revision is the assumed
   * default revision of an input without a control plane.
   */
  public Optional<IstioVersion> istioVersion(String revisionOrTag) {
    String rev = revisionOrTag == null ? null : resolve(revisionOrTag).orElse(revisionOrTag);
    return versions.of(rev);
  }

  /**
   * The release whose semantics judge a revision: its own, clamped to {@link IstioVersion#OLDEST};
   * {@link IstioVersion#NEWEST} when unknown or of a later minor release.
   */
  public IstioVersion semantics(String revisionOrTag) {
    return IstioVersion.judged(istioVersion(revisionOrTag));
  }

  /**
   * The revision's version for a finding's details: {@code 1.26.3}, or how it was judged when
   * meshwarden does not model it ({@code unknown, judged as 1.31}).
   */
  public String versionDetail(String revisionOrTag) {
    return IstioVersion.describe(istioVersion(revisionOrTag));
  }

  /** A namespace's labels; empty when the namespace is not known. */
  public Map<String, String> namespaceLabels(String namespace) {
    NamespaceFacts ns = namespaces.get(namespace);
    return ns == null ? Map.of() : ns.meta().labels();
  }

  /** Whether any PeerAuthentication was seen, namespace-wide, mesh-wide or for workloads. */
  public boolean anyPeerAuthentication() {
    return !peerAuthentication.isEmpty() || !workloadPeerAuthentications.isEmpty();
  }

  /**
   * The mTLS mode of a workload's port, as istiod resolves it: the oldest PeerAuthentication of its
   * namespace whose selector matches its labels (its port-level mode for {@code port}, else its
   * own), else its namespace's, else the mesh-wide one; {@code UNSET} at any level inherits from
   * the next. Empty when no policy decides. {@code labels} are the workload's full label set, as
   * facts carry it.
   *
   * @param port the container port, or null when it is not known
   */
  public Optional<String> mtlsMode(String namespace, Map<String, String> labels, Integer port) {
    List<PeerAuthenticationFacts> workload =
        workloadPeerAuthentications.getOrDefault(namespace, List.of());
    for (PeerAuthenticationFacts p : workload) {
      if (LabelSelector.ofMatchLabels(p.selector()).matches(labels)) {
        String portMode = port == null ? null : p.portLevelMtls().get(String.valueOf(port));
        if (portMode != null && !PeerAuthenticationFacts.UNSET.equals(portMode)) {
          return Optional.of(portMode);
        }
        if (!PeerAuthenticationFacts.UNSET.equals(p.mode())) {
          return Optional.of(p.mode());
        }
        break;
      }
    }
    String mode = peerAuthentication.get(namespace);
    return Optional.ofNullable(mode != null ? mode : peerAuthentication.get(""));
  }

  /**
   * Whether mTLS is STRICT for a namespace as a whole: its own namespace-wide PeerAuthentication,
   * else the mesh-wide one; workload policies are not considered (see {@link #mtlsMode}). Empty
   * when no such PeerAuthentication was seen.
   */
  public Optional<Boolean> strictMtls(String namespace) {
    String mode = peerAuthentication.get(namespace);
    if (mode == null) {
      mode = peerAuthentication.get("");
    }
    return mode == null ? Optional.empty() : Optional.of("STRICT".equalsIgnoreCase(mode));
  }
}
