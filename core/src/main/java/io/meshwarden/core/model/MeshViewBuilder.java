package io.meshwarden.core.model;

import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.InjectorConfigFacts;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.MeshConfigFacts;
import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.PeerAuthenticationFacts;
import io.meshwarden.common.protocol.PodFacts;
import io.meshwarden.common.protocol.RevisionTagFacts;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.WebhookConfigFacts;
import io.meshwarden.common.protocol.WorkloadFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects mesh-wide facts into a {@link MeshView}; facts of other kinds are ignored. The stream
 * (from the global mesh store) and {@code analyze} (from manifests) both feed it facts, so both
 * judge alike; PeerAuthentications are resolved to namespace modes by {@link PeerAuthentications}.
 */
public final class MeshViewBuilder {

  private final Instant asOf;
  private final Map<String, NamespaceFacts> namespaces = new HashMap<>();
  private final Map<String, InjectorConfigFacts> injectors = new HashMap<>();
  private final List<WebhookConfigFacts> webhooks = new ArrayList<>();
  private final Map<String, String> tags = new HashMap<>();
  private final Set<String> istiodRevisions = new HashSet<>();
  private final List<ServiceFacts> services = new ArrayList<>();
  private final List<IstioConfigFacts> gateways = new ArrayList<>();
  private final List<IstioConfigFacts> serviceEntries = new ArrayList<>();
  private final Map<String, MeshConfigFacts> meshConfigs = new HashMap<>();
  private final List<PeerAuthenticationFacts> peerAuthentications = new ArrayList<>();
  private final List<IstioConfigFacts> proxyConfigs = new ArrayList<>();
  private final RevisionVersions.Collector versions = new RevisionVersions.Collector();

  public MeshViewBuilder(Instant asOf) {
    this.asOf = asOf;
  }

  /**
   * The Istio release of every revision whose version the facts do not show, and of the default
   * revision assumed when they hold no control plane ({@code analyze --istio-version}).
   */
  public MeshViewBuilder assumeIstioVersion(IstioVersion version) {
    versions.assume(version);
    return this;
  }

  /** Adds every fact that belongs to the mesh view. */
  public MeshViewBuilder addAll(Iterable<? extends ObjectFacts> facts) {
    facts.forEach(this::add);
    return this;
  }

  /** Adds one fact if it belongs to the mesh view. */
  public MeshViewBuilder add(ObjectFacts fact) {
    if (fact instanceof NamespaceFacts ns) {
      namespaces.put(ns.meta().name(), ns);
    } else if (fact instanceof InjectorConfigFacts inj) {
      injectors.put(revisionOf(inj.revision()), inj);
      versions.injector(revisionOf(inj.revision()), inj.tag());
    } else if (fact instanceof WebhookConfigFacts wh) {
      addWebhook(wh);
    } else if (fact instanceof RevisionTagFacts tag) {
      if (tag.tag() != null && tag.revision() != null) {
        tags.put(tag.tag(), tag.revision());
      }
    } else if (fact instanceof ServiceFacts svc) {
      services.add(svc);
    } else if (fact instanceof IstioConfigFacts cfg) {
      addIstioConfig(cfg);
    } else if (fact instanceof MeshConfigFacts mc) {
      meshConfigs.put(revisionOf(mc.revision()), mc);
    } else if (fact instanceof PeerAuthenticationFacts pa) {
      peerAuthentications.add(pa);
    } else if (fact instanceof PodFacts pod) {
      addIstiod(pod);
    } else if (fact instanceof WorkloadFacts w) {
      addIstiodDeployment(w);
    }
    return this;
  }

  public MeshView build() {
    return new MeshView(
        asOf,
        namespaces,
        injectors,
        webhooks,
        tags,
        istiodRevisions,
        services,
        gateways,
        serviceEntries,
        meshConfigs,
        PeerAuthentications.namespaceModes(
            peerAuthentications, PeerAuthentications.rootNamespace(meshConfigs)),
        PeerAuthentications.workloadPolicies(peerAuthentications),
        peerAuthentications,
        proxyConfigs,
        versions.build());
  }

  private void addWebhook(WebhookConfigFacts wh) {
    webhooks.add(wh);
    if (wh.tag() != null && wh.revision() != null && InjectorWebhooks.active(wh)) {
      tags.put(wh.tag(), wh.revision());
    }
  }

  private void addIstioConfig(IstioConfigFacts cfg) {
    switch (cfg.kind()) {
      case Gateway -> gateways.add(cfg);
      case ServiceEntry -> serviceEntries.add(cfg);
      case ProxyConfig -> proxyConfigs.add(cfg);
      default -> {
        // namespaced Istio config belongs to a NamespaceView
      }
    }
  }

  /** An istiod pod proves its revision runs (label {@code istio.io/rev}, else default). */
  private void addIstiod(PodFacts pod) {
    if (ISTIOD.equals(pod.meta().labels().get("app"))) {
      String rev = revisionOf(pod.meta().labels().get(IstioKeys.REV));
      istiodRevisions.add(rev);
      versions.istiodPod(rev, pod.spec());
    }
  }

  /**
   * An istiod Deployment (template label {@code app=istiod}) tells the revision's version; only
   * running pods prove that the revision runs.
   */
  private void addIstiodDeployment(WorkloadFacts w) {
    if (w.kind() != FactKind.Deployment || w.template() == null) {
      return;
    }
    Map<String, String> labels = w.template().labels();
    if (ISTIOD.equals(labels.get("app"))) {
      String rev = labels.get(IstioKeys.REV);
      if (rev == null) {
        rev = w.meta().labels().get(IstioKeys.REV);
      }
      versions.istiodDeployment(revisionOf(rev), w.template().spec());
    }
  }

  private static final String ISTIOD = "istiod";

  private static String revisionOf(String revision) {
    return revision == null || revision.isEmpty() ? MeshView.DEFAULT : revision;
  }
}
