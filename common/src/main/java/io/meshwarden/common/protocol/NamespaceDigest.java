package io.meshwarden.common.protocol;

import java.util.List;
import java.util.Map;

/**
 * What the cluster-scope rules read of one namespace, published by the reconciler shard that holds
 * the namespace to {@code <prefix>.<cluster>.digests} (keyed by namespace, a tombstone when the
 * namespace has no facts left) so that one task can evaluate rules that relate namespaces. The
 * topic also holds each shard's readiness marker under a key no namespace can take ({@code
 * #synced/<partition>}, not a digest; the reconciler reads those apart). Derived from facts only,
 * never a source of truth; every list is sorted, so an unchanged namespace encodes to the same
 * bytes and is not written again.
 *
 * @param cluster the cluster
 * @param namespace the namespace
 * @param partition the objects-topic partition (shard) that holds the namespace
 * @param workloads the namespace's workloads as the label sets they present, identical ones counted
 * @param pods every pod (finished ones too) as labels and proxy state, identical ones counted
 * @param secrets the names of the namespace's Secrets
 * @param istioConfig the namespace's Istio config of the objects topic, provenance stripped from
 *     {@code meta} (no resourceVersion, observedAt or creationTimestamp)
 */
public record NamespaceDigest(
    String schema,
    String cluster,
    String namespace,
    int partition,
    List<WorkloadLabels> workloads,
    List<PodLabels> pods,
    List<String> secrets,
    List<IstioConfigFacts> istioConfig) {

  public NamespaceDigest {
    schema = schema == null ? Schemas.DIGEST : schema;
    workloads = Facts.list(workloads);
    pods = Facts.list(pods);
    secrets = Facts.list(secrets);
    istioConfig = Facts.list(istioConfig);
  }

  /**
   * Workloads that present the same label sets (their template's and their live pods').
   *
   * @param labelSets distinct label sets, sorted
   * @param count how many workloads present exactly these
   */
  public record WorkloadLabels(List<Map<String, String>> labelSets, int count) {
    public WorkloadLabels {
      labelSets = labelSets == null ? List.of() : labelSets.stream().map(Facts::map).toList();
    }
  }

  /**
   * Pods with the same labels and proxy state.
   *
   * @param labels the pods' filtered labels
   * @param injected whether they run a proxy
   * @param revision the revision that injected them, if known
   * @param count how many pods
   */
  public record PodLabels(
      Map<String, String> labels, boolean injected, String revision, int count) {
    public PodLabels {
      labels = Facts.map(labels);
    }
  }
}
