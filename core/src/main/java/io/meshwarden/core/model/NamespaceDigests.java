package io.meshwarden.core.model;

import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.NamespaceDigest;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.PodFacts;
import io.meshwarden.common.protocol.SecretFacts;
import io.meshwarden.common.protocol.WireCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reduces a {@link NamespaceView} to the {@link NamespaceDigest} the cluster-scope rules need, and
 * rebuilds a view from it. The digest keeps exactly what {@link MeshIndex} and the cluster rules
 * read of a namespace: that it exists; each workload's label sets (template and live pods); each
 * pod's labels and whether and by which revision it was injected; Secret names; the namespaced
 * Istio config. A rebuilt view holds stand-ins (workloads named {@code digest-<n>}, pods without
 * spec or status) that give every cluster rule the same verdicts, messages and details as the view
 * it came from; {@code NamespaceDigestsTest} checks that over fixture clusters. Namespace rules
 * must never run on a rebuilt view.
 */
public final class NamespaceDigests {

  private static final Comparator<Map<String, String>> LABELS =
      Comparator.comparing(NamespaceDigests::canonical);

  private NamespaceDigests() {}

  /** The digest of {@code view}, held by {@code partition}; deterministic (sorted throughout). */
  public static NamespaceDigest of(String cluster, NamespaceView view, int partition) {
    return new NamespaceDigest(
        null,
        cluster,
        view.name(),
        partition,
        workloads(view),
        pods(view),
        new ArrayList<>(new TreeSet<>(view.secrets().stream().map(s -> s.meta().name()).toList())),
        config(view));
  }

  /** A view that every cluster rule judges as it judges the view the digest was made of. */
  public static NamespaceView view(NamespaceDigest digest) {
    String ns = digest.namespace();
    List<PodView> pods = new ArrayList<>();
    for (NamespaceDigest.PodLabels p : digest.pods()) {
      pods.addAll(
          Collections.nCopies(p.count(), pod(digest, p.labels(), p.injected(), p.revision(), 0)));
    }
    List<WorkloadView> workloads = new ArrayList<>();
    int n = 0;
    for (NamespaceDigest.WorkloadLabels w : digest.workloads()) {
      for (int i = 0; i < w.count(); i++, n++) {
        List<PodView> sets = new ArrayList<>();
        for (Map<String, String> labels : w.labelSets()) {
          sets.add(pod(digest, labels, false, null, n));
        }
        workloads.add(
            new WorkloadView(new ObjectRef("Workload", ns, "digest-" + n, null), null, sets));
      }
    }
    List<SecretFacts> secrets =
        digest.secrets().stream()
            .map(s -> new SecretFacts(null, null, meta(digest, s, Map.of()), null))
            .toList();
    return new NamespaceView(
        ns, pods, List.of(), workloads, List.of(), digest.istioConfig(), secrets);
  }

  /** The cluster as the cluster rules see it: {@code mesh} and one view per digest. */
  public static ClusterView cluster(
      String cluster, MeshView mesh, Collection<NamespaceDigest> digests) {
    Map<String, NamespaceView> views = new TreeMap<>();
    digests.forEach(d -> views.put(d.namespace(), view(d)));
    return new ClusterView(cluster, mesh, views);
  }

  private static List<NamespaceDigest.WorkloadLabels> workloads(NamespaceView view) {
    Map<String, List<Map<String, String>>> distinct = new TreeMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    for (WorkloadView w : view.workloads()) {
      List<Map<String, String>> sets = new ArrayList<>(new LinkedHashSet<>(MeshIndex.labelSets(w)));
      sets.sort(LABELS);
      String key = canonical(sets);
      distinct.putIfAbsent(key, sets);
      counts.merge(key, 1, Integer::sum);
    }
    List<NamespaceDigest.WorkloadLabels> out = new ArrayList<>();
    distinct.forEach((k, sets) -> out.add(new NamespaceDigest.WorkloadLabels(sets, counts.get(k))));
    return out;
  }

  private record PodKey(Map<String, String> labels, boolean injected, String revision) {}

  private static List<NamespaceDigest.PodLabels> pods(NamespaceView view) {
    Map<String, PodKey> distinct = new TreeMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    for (PodView p : view.pods()) {
      PodKey key =
          new PodKey(p.facts().meta().labels(), p.proxy().injected(), p.proxy().revision());
      String k = canonical(key.labels()) + "|" + key.injected() + "|" + key.revision();
      distinct.putIfAbsent(k, key);
      counts.merge(k, 1, Integer::sum);
    }
    List<NamespaceDigest.PodLabels> out = new ArrayList<>();
    distinct.forEach(
        (k, p) ->
            out.add(
                new NamespaceDigest.PodLabels(
                    p.labels(), p.injected(), p.revision(), counts.get(k))));
    return out;
  }

  private static List<IstioConfigFacts> config(NamespaceView view) {
    return view.istioConfig().stream()
        .map(c -> c.withMeta(withoutProvenance(c.meta())))
        .sorted(
            Comparator.comparing((IstioConfigFacts c) -> c.kind().name())
                .thenComparing(c -> c.meta().name())
                .thenComparing(NamespaceDigests::canonical))
        .toList();
  }

  /** Drops what changes without the object changing for the rules (resourceVersion, times). */
  private static FactMeta withoutProvenance(FactMeta m) {
    return new FactMeta(
        m.cluster(),
        m.namespace(),
        m.name(),
        m.uid(),
        null,
        null,
        null,
        m.labels(),
        m.annotations());
  }

  private static PodView pod(
      NamespaceDigest digest,
      Map<String, String> labels,
      boolean injected,
      String revision,
      int n) {
    PodFacts facts = PodFacts.of(meta(digest, "digest-" + n, labels), null, null, null);
    ProxyState proxy =
        injected
            ? new ProxyState(
                ProxyState.Mode.CLASSIC, revision, null, false, 0, false, false, List.of())
            : ProxyState.NONE;
    return new PodView(facts, PodShape.of(facts), proxy, false);
  }

  private static FactMeta meta(NamespaceDigest digest, String name, Map<String, String> labels) {
    return new FactMeta(
        digest.cluster() == null ? "" : digest.cluster(),
        digest.namespace(),
        name,
        null,
        null,
        null,
        null,
        labels,
        Map.of());
  }

  /** An unambiguous sort key: the wire encoding, whose maps are in key order. */
  private static String canonical(Object value) {
    return new String(WireCodec.encode(value), java.nio.charset.StandardCharsets.UTF_8);
  }
}
