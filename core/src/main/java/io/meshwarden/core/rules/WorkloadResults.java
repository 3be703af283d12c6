package io.meshwarden.core.rules;

import io.meshwarden.core.model.PodView;
import io.meshwarden.core.model.WorkloadView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds per-workload results that count affected pods, so 200 broken pods are one finding. */
final class WorkloadResults {

  /** How many pod names a finding lists. */
  static final int SAMPLE = 5;

  /**
   * The detail key of the revision whose injector a restart depends on, written and read back only
   * by the rules whose remedy is a restart ({@link Rule#expectedRevision}).
   */
  static final String EXPECTED_REVISION = "expectedRevision";

  /**
   * The detail key naming the Istio release whose semantics judged the revision that would inject
   * ({@code 1.27.2}, or {@code unknown, judged as 1.31}); written by the injection rules, read by
   * none.
   */
  static final String ISTIO_VERSION = "istioVersion";

  /** The expected revision in details one of the restart rules wrote, or empty. */
  static Optional<String> expectedRevision(Map<String, String> details) {
    return Optional.ofNullable(details.get(EXPECTED_REVISION)).filter(r -> !r.isEmpty());
  }

  private WorkloadResults() {}

  /** {@code affectedPods}, {@code totalPods} and a sample of pod names, plus {@code extra}. */
  static Map<String, String> details(
      WorkloadView w, List<PodView> affected, Map<String, String> extra) {
    Map<String, String> d = new HashMap<>(extra);
    d.put("affectedPods", Integer.toString(affected.size()));
    d.put("totalPods", Integer.toString(w.pods().size()));
    if (!affected.isEmpty()) {
      d.put(
          "pods",
          affected.stream()
              .map(PodView::name)
              .sorted()
              .limit(SAMPLE)
              .collect(Collectors.joining(",")));
    }
    return d;
  }

  /** {@code "3 of 5 pods"} or {@code "its pod"} for a bare pod. */
  /**
   * The pods of {@code w} for which {@code perPod} names something, and all it names, sorted.
   *
   * @param pods the affected pods, in the workload's order; empty when none is
   */
  record Named(List<PodView> pods, Set<String> names) {}

  /** Asks {@code perPod} of every pod of {@code w}; see {@link Named}. */
  static Named named(WorkloadView w, Function<PodView, Set<String>> perPod) {
    List<PodView> pods = new ArrayList<>();
    Set<String> names = new TreeSet<>();
    for (PodView pod : w.pods()) {
      Set<String> named = perPod.apply(pod);
      if (!named.isEmpty()) {
        names.addAll(named);
        pods.add(pod);
      }
    }
    return new Named(pods, names);
  }

  static String count(WorkloadView w, List<PodView> affected) {
    if ("Pod".equals(w.ref().kind())) {
      return "the pod";
    }
    return affected.size() + " of " + w.pods().size() + " pods";
  }

  /** The distinct values of {@code values}, sorted and comma-joined. */
  static String joined(List<String> values) {
    return values.stream()
        .filter(v -> v != null)
        .distinct()
        .sorted()
        .collect(Collectors.joining(","));
  }
}
