package io.meshwarden.common.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.OwnerRef;
import io.meshwarden.common.protocol.PodSpecFacts;
import io.meshwarden.common.protocol.WorkloadFacts;
import io.meshwarden.common.protocol.WorkloadFacts.PodTemplateFacts;
import io.meshwarden.common.protocol.WorkloadFacts.RolloutStatus;
import java.util.Map;

/**
 * Projects the pod-owning workloads: Deployment, StatefulSet, DaemonSet, ReplicaSet and Job.
 *
 * <p>DaemonSets and Jobs report their rollout in other fields; they are mapped onto {@link
 * RolloutStatus}: a DaemonSet's desired/ready/updated/available numbers scheduled, a Job's active
 * pods as replicas and its ready pods as ready replicas. A missing {@code spec.replicas} is 1, as
 * the API server defaults it, so files and live objects project alike.
 */
final class WorkloadProjector {

  private WorkloadProjector() {}

  static Projection project(Source src, FactKind kind) {
    FactMeta meta = src.meta(true);
    OwnerRef owner = src.controller();
    JsonNode spec = Nodes.object(src.object(), "spec");
    LabelSelector selector;
    PodTemplateFacts template;
    Integer replicas;
    try {
      selector = Selectors.read(src, spec, "selector");
      template = template(src, spec);
      replicas = Nodes.integer(spec, "replicas");
    } catch (InvalidField e) {
      throw e.under("spec");
    }
    if (replicas == null && hasReplicas(kind)) {
      replicas = 1;
    }
    RolloutStatus status;
    try {
      status = status(kind, Nodes.object(src.object(), "status"));
    } catch (InvalidField e) {
      throw e.under("status");
    }
    Long generation;
    try {
      generation = Nodes.longValue(src.metadata(), "generation");
    } catch (InvalidField e) {
      throw e.under("metadata");
    }
    return src.projected(
        new WorkloadFacts(
            null,
            kind,
            meta,
            owner,
            selector,
            template,
            hasReplicas(kind) ? replicas : null,
            generation,
            status));
  }

  private static boolean hasReplicas(FactKind kind) {
    return kind == FactKind.Deployment
        || kind == FactKind.StatefulSet
        || kind == FactKind.ReplicaSet;
  }

  private static PodTemplateFacts template(Source src, JsonNode spec) {
    JsonNode template = Nodes.object(spec, "template");
    if (template == null) {
      throw new InvalidField("template", "missing");
    }
    try {
      JsonNode metadata = Nodes.object(template, "metadata");
      Map<String, String> labels = src.labels(metadata, "metadata");
      Map<String, String> annotations = src.annotations(metadata, "metadata");
      PodSpecFacts podSpec;
      try {
        podSpec = PodSpecReader.read(src, Nodes.object(template, "spec"));
      } catch (InvalidField e) {
        throw e.under("spec");
      }
      return new PodTemplateFacts(labels, annotations, podSpec);
    } catch (InvalidField e) {
      throw e.under("template");
    }
  }

  private static RolloutStatus status(FactKind kind, JsonNode s) {
    if (s == null) {
      return null;
    }
    Long observed = Nodes.longValue(s, "observedGeneration");
    return switch (kind) {
      case DaemonSet ->
          new RolloutStatus(
              observed,
              Nodes.integer(s, "desiredNumberScheduled"),
              Nodes.integer(s, "numberReady"),
              Nodes.integer(s, "updatedNumberScheduled"),
              Nodes.integer(s, "numberAvailable"));
      case Job ->
          new RolloutStatus(
              observed, Nodes.integer(s, "active"), Nodes.integer(s, "ready"), null, null);
      default ->
          new RolloutStatus(
              observed,
              Nodes.integer(s, "replicas"),
              Nodes.integer(s, "readyReplicas"),
              Nodes.integer(s, "updatedReplicas"),
              Nodes.integer(s, "availableReplicas"));
    };
  }
}
