package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.meshwarden.testkit.kubernetes.Fixtures;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scale measurement, not part of the suite (it takes minutes): {@code N} pods across {@code M}
 * namespaces loaded through the simulator (Deployments → ReplicaSets → injected pods → kubelet),
 * with an informer counting the pod events a watcher receives. Run with the test classpath: {@code
 * java -Xmx2g -cp ... io.meshwarden.testkit.sim.ScaleBench 500 20}.
 */
final class ScaleBench {

  private ScaleBench() {}

  public static void main(String[] args) {
    int namespaces = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int perNamespace = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    try (SimulatedCluster cluster = SimulatedCluster.builder().nodes(3).start();
        KubernetesClient watcher = cluster.newClient(10)) {
      KubernetesClient client = cluster.client();
      cluster.controlPlane().install(Revision.of("1-24-0", "1.24.0").asDefault());
      AtomicLong podEvents = new AtomicLong();
      watcher
          .pods()
          .inAnyNamespace()
          .inform(
              new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod pod) {
                  podEvents.incrementAndGet();
                }

                @Override
                public void onUpdate(Pod a, Pod b) {
                  podEvents.incrementAndGet();
                }

                @Override
                public void onDelete(Pod pod, boolean unknown) {
                  podEvents.incrementAndGet();
                }
              },
              0);
      long t0 = System.nanoTime();
      for (int i = 0; i < namespaces; i++) {
        String ns = "ns-" + i;
        Fixtures.namespace(ns).withLabel("istio-injection", "enabled").create(client);
        Fixtures.deployment("app").inNamespace(ns).withReplicas(perNamespace).create(client);
      }
      report("objects created", t0, podEvents, cluster);
      long t1 = System.nanoTime();
      cluster.settle();
      report("pods created (settle)", t1, podEvents, cluster);
      long t2 = System.nanoTime();
      long before = podEvents.get();
      cluster.advance(Duration.ofSeconds(2));
      report("pods running+ready (advance 2s)", t2, podEvents, cluster);
      double seconds = (System.nanoTime() - t2) / 1e9;
      System.err.printf(
          "status events delivered: %d in %.1f s = %.0f pod events/s%n",
          podEvents.get() - before, seconds, (podEvents.get() - before) / seconds);
      report("total", t0, podEvents, cluster);
    }
  }

  private static void report(
      String what, long since, AtomicLong podEvents, SimulatedCluster cluster) {
    Runtime rt = Runtime.getRuntime();
    rt.gc();
    System.err.printf(
        "%-32s %7.1f s  pod events seen %7d  sim events %7d  heap used %4d MiB%n",
        what,
        (System.nanoTime() - since) / 1e9,
        podEvents.get(),
        cluster.events().size(),
        (rt.totalMemory() - rt.freeMemory()) >> 20);
  }
}
