package io.meshwarden.watcher.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.WireCodec;
import io.meshwarden.watcher.informers.ObjectProjector;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rough micro-measurement, not a test and not JMH: it asserts nothing and runs only when named,
 * {@code mvn -pl watcher -am test -Dtest=ProjectionInputBench
 * -Dsurefire.failIfNoSpecifiedTests=false}. It projects injected pods the old way (fabric8 JSON
 * text, parsed again) and the watcher's way ({@link ObjectProjector}) and prints, per pod, the
 * fastest of several rounds and the bytes this thread allocated. Timings on a shared machine are
 * noisy; the allocation figures are exact.
 */
class ProjectionInputBench {

  private static final int PODS = 2_000;
  private static final int ROUNDS = 20;

  private interface Work {
    long run() throws Exception;
  }

  @Test
  void measure() throws Exception {
    KubernetesSerialization serialization = new KubernetesSerialization();
    FactProjector projector = new FactProjector("bench", MeshKeys.standard(), Clock.systemUTC());
    ObjectProjector direct = new ObjectProjector(serialization, projector);
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < PODS; i++) {
      pods.add(InjectedPod.build(i));
    }
    Map<String, Work> ways = new LinkedHashMap<>();
    ways.put(
        "JSON text round trip",
        () -> {
          long n = 0;
          for (Pod p : pods) {
            n +=
                projector
                    .project(WireCodec.mapper().readTree(serialization.asJson(p)))
                    .facts()
                    .size();
          }
          return n;
        });
    ways.put(
        "ObjectProjector",
        () -> {
          long n = 0;
          for (Pod p : pods) {
            n += direct.project(p, "Pod", "v1").facts().size();
          }
          return n;
        });
    Map<String, long[]> best = new LinkedHashMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      for (Map.Entry<String, Work> way : ways.entrySet()) {
        long[] m = measure(way.getValue());
        best.merge(way.getKey(), m, (a, b) -> b[0] < a[0] ? b : a);
      }
    }
    best.forEach(
        (way, m) ->
            System.out.printf(
                "%-22s %6.1f us/pod %6d B/pod%n", way, m[0] / 1e3 / PODS, m[1] / PODS));
  }

  /** Nanoseconds and bytes allocated by this thread. */
  private static long[] measure(Work work) throws Exception {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long bytes = threads.getThreadAllocatedBytes(id);
    long start = System.nanoTime();
    if (work.run() < 0) {
      throw new AssertionError();
    }
    long nanos = System.nanoTime() - start;
    return new long[] {nanos, threads.getThreadAllocatedBytes(id) - bytes};
  }
}
