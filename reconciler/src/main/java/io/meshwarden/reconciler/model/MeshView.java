package io.meshwarden.reconciler.model;

import io.meshwarden.common.protocol.InjectorConfigFacts;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.MeshConfigFacts;
import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.WebhookConfigFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything mesh-wide a rule may consult, immutable: the control plane (revisions, tags, injector
 * settings, webhooks), namespaces' labels, services, gateways and service entries. Build one with
 * {@link MeshViewBuilder}.
 *
 * @param asOf the evaluation time (rules that judge durations compare against it)
 * @param namespaces namespaces by name
 * @param injectors injector settings by revision ({@code default} for the unnamed one)
 * @param webhooks the injector webhook configurations
 * @param tags revision tags: tag to revision
 * @param istiodRevisions revisions seen running as istiod pods
 * @param peerAuthentication namespace-wide mTLS modes by namespace; key {@code ""} is mesh-wide.
 *     Empty when the input held no PeerAuthentication (the mode is then unknown, never assumed)
 */
public record MeshView(
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
    Map<String, String> peerAuthentication) {

  /** The revision every unlabelled default asks for when it exists. */
  public static final String DEFAULT = "default";

  public MeshView {
    namespaces = Map.copyOf(namespaces);
    injectors = Map.copyOf(injectors);
    webhooks = List.copyOf(webhooks);
    tags = Map.copyOf(tags);
    istiodRevisions = Set.copyOf(istiodRevisions);
    services = List.copyOf(services);
    gateways = List.copyOf(gateways);
    serviceEntries = List.copyOf(serviceEntries);
    meshConfigs = Map.copyOf(meshConfigs);
    peerAuthentication = Map.copyOf(peerAuthentication);
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
    Set<String> revs = new TreeSet<>(injectors.keySet());
    revs.addAll(istiodRevisions);
    for (WebhookConfigFacts w : webhooks) {
      if (w.tag() == null && w.revision() != null) {
        revs.add(w.revision());
      }
    }
    return revs;
  }

  /**
   * The istiod revision a revision label names: itself when it is a revision, the tag's target when
   * it is a tag; empty when neither is known.
   */
  public Optional<String> resolve(String revisionOrTag) {
    if (revisionOrTag == null) {
      return Optional.empty();
    }
    if (knownRevisions().contains(revisionOrTag)) {
      return Optional.of(revisionOrTag);
    }
    return Optional.ofNullable(tags.get(revisionOrTag));
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
    String tagged = tags.get(DEFAULT);
    if (tagged != null) {
      return Optional.of(tagged);
    }
    return knownRevisions().contains(DEFAULT) ? Optional.of(DEFAULT) : Optional.empty();
  }

  /** The injector settings of a revision, if its ConfigMap is known. */
  public Optional<InjectorConfigFacts> injector(String revision) {
    return revision == null ? Optional.empty() : Optional.ofNullable(injectors.get(revision));
  }

  /** Whether the default revision's injector injects namespaces that carry no label at all. */
  public boolean enableNamespacesByDefault() {
    return defaultRevision()
        .flatMap(this::injector)
        .map(i -> Boolean.TRUE.equals(i.enableNamespacesByDefault()))
        .orElse(false);
  }

  /** A namespace's labels; empty when the namespace is not known. */
  public Map<String, String> namespaceLabels(String namespace) {
    NamespaceFacts ns = namespaces.get(namespace);
    return ns == null ? Map.of() : ns.meta().labels();
  }

  /**
   * Whether mTLS is STRICT for a namespace: its own PeerAuthentication, else the mesh-wide one.
   * Empty when no PeerAuthentication was seen.
   */
  public Optional<Boolean> strictMtls(String namespace) {
    String mode = peerAuthentication.get(namespace);
    if (mode == null) {
      mode = peerAuthentication.get("");
    }
    return mode == null ? Optional.empty() : Optional.of("STRICT".equalsIgnoreCase(mode));
  }
}
