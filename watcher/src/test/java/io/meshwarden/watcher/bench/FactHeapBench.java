package io.meshwarden.watcher.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.watcher.informers.ObjectProjector;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The heap the watcher's fact cache holds per 10,000 pods, with every label kept against the label
 * set the projection kept before (the allow-list {@link #ALLOW_LISTED_BEFORE}), in one run. Not a
 * test: it asserts nothing and runs only when named, {@code mvn -pl watcher -am test
 * -Dtest=FactHeapBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.pods=10000}.
 *
 * <p>Both passes project the same {@link InjectedPod}s the way the watcher does ({@link
 * ObjectProjector}, strings interned with {@link String#intern}), drop each pod and keep its facts,
 * as the watcher's {@code FactIndex} does; the "before" pass first strips the pods' labels to the
 * keys the projection used to keep, which yields exactly the facts it used to publish. The figure
 * is the used heap after full collections, less the heap before the pass. Results go to stdout and
 * {@code target/bench/fact-heap.txt}.
 */
class FactHeapBench {

  private static final int ROUNDS = 5;

  /** The label keys the projection kept before it kept them all. */
  private static final Predicate<String> ALLOW_LISTED_BEFORE =
      new Predicate<>() {
        private final Set<String> exact =
            Set.of(
                "app",
                "istio",
                "version",
                "app.kubernetes.io/name",
                "app.kubernetes.io/version",
                "istio-injection",
                "pod-template-hash",
                "controller-revision-hash",
                "kubernetes.io/metadata.name");

        @Override
        public boolean test(String key) {
          if (exact.contains(key)) {
            return true;
          }
          int slash = key.indexOf('/');
          String prefix = slash <= 0 ? "" : key.substring(0, slash);
          return prefix.equals("istio.io")
              || prefix.endsWith(".istio.io")
              || prefix.equals("meshwarden.io")
              || prefix.endsWith(".meshwarden.io");
        }
      };

  @Test
  void measure() throws Exception {
    int pods = Integer.getInteger("bench.pods", 10_000);
    KubernetesSerialization serialization = new KubernetesSerialization();
    ObjectProjector projector =
        new ObjectProjector(
            serialization,
            new FactProjector("bench", MeshKeys.standard(), Clock.systemUTC())
                .withInterner(String::intern));

    // Each pass is repeated; the first of each is left out (it warms up class loading and the
    // caches of Jackson and fabric8). A pass's figure is its used heap after collection, facts
    // held, less the lowest used heap seen before any pass: a collection right after a pass does
    // not always free the previous pass's facts, so a pass's own starting point can be high.
    Map<String, List<Long>> after = new LinkedHashMap<>();
    long baseline = Long.MAX_VALUE;
    for (boolean strip : new boolean[] {true, false}) {
      String way = strip ? "labels allow-listed (before)" : "every label (now)";
      for (int round = 0; round < 1 + ROUNDS; round++) {
        baseline = Math.min(baseline, usedHeapAfterGc());
        long used = heapWithFacts(projector, pods, strip);
        if (round > 0) {
          after.computeIfAbsent(way, k -> new ArrayList<>()).add(used);
        }
      }
    }
    long base = baseline;
    Map<String, List<Double>> figures = new LinkedHashMap<>();
    after.forEach(
        (way, used) ->
            figures.put(way, used.stream().map(u -> (u - base) / 1e6 * 10_000 / pods).toList()));
    List<String> lines = new ArrayList<>();
    lines.add(
        "pods: " + pods + " (labels: " + InjectedPod.build(0).getMetadata().getLabels() + ")");
    figures.forEach(
        (way, mbs) -> {
          List<Double> sorted = mbs.stream().sorted().toList();
          lines.add(
              String.format(
                  "%-30s %6.1f MB per 10,000 pods (median; rounds: %s)",
                  way,
                  sorted.get(sorted.size() / 2),
                  mbs.stream().map(m -> String.format("%.1f", m)).toList()));
        });
    Path out = Path.of("target", "bench", "fact-heap.txt");
    Files.createDirectories(out.getParent());
    Files.write(out, lines);
    lines.forEach(System.out::println);
  }

  /** The used heap after collection while the facts of {@code pods} pods are held. */
  private static long heapWithFacts(ObjectProjector projector, int pods, boolean strip) {
    List<ObjectFacts> kept = new ArrayList<>(pods);
    for (int i = 0; i < pods; i++) {
      // Each pod is garbage once projected, as an informer's is: only the facts stay.
      Pod pod = InjectedPod.build(i);
      kept.addAll(projector.project(strip ? allowListedOnly(pod) : pod, "Pod", "v1").facts());
    }
    long used = usedHeapAfterGc();
    if (kept.size() != pods) {
      throw new IllegalStateException("projected " + kept.size() + " of " + pods);
    }
    return used;
  }

  private static Pod allowListedOnly(Pod pod) {
    Map<String, String> labels = new LinkedHashMap<>();
    pod.getMetadata()
        .getLabels()
        .forEach(
            (k, v) -> {
              if (ALLOW_LISTED_BEFORE.test(k)) {
                labels.put(k, v);
              }
            });
    return new PodBuilder(pod).editMetadata().withLabels(labels).endMetadata().build();
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
