package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.meshwarden.testkit.kubernetes.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Scale measurement, not part of the suite (it takes minutes): {@code N} pods across {@code M}
 * namespaces loaded through the simulator (Deployments → ReplicaSets → injected pods → kubelet),
 * with an informer counting the pod events a watcher receives. Run with the test classpath: {@code
 * java -Xmx2g -cp ... io.meshwarden.testkit.sim.ScaleBench 500 20}; {@code ScaleBench raw 500 20}
 * measures the floor, the mock server and client alone (see {@link #raw}).
 */
final class ScaleBench {

  private ScaleBench() {}

  public static void main(String[] args) {
    boolean raw = args.length > 0 && "raw".equals(args[0]);
    int first = raw ? 1 : 0;
    int namespaces = args.length > first ? Integer.parseInt(args[first]) : 500;
    int perNamespace = args.length > first + 1 ? Integer.parseInt(args[first + 1]) : 20;
    if (raw) {
      raw(namespaces, perNamespace);
      return;
    }
    try (SimulatedCluster cluster = SimulatedCluster.builder().nodes(3).start();
        KubernetesClient watcher = cluster.newClient(10)) {
      KubernetesClient client = cluster.client();
      cluster.controlPlane().install(Revision.of("1-24-0", "1.24.0").asDefault());
      AtomicLong podEvents = new AtomicLong();
      watcher.pods().inAnyNamespace().inform(counter(podEvents), 0);
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
      System.err.printf("lists taken by the controllers: %d%n", cluster.listsTaken());
    }
  }

  /**
   * The floor without the simulator's controllers: the same number of injected pods created
   * straight through one client (copies of a pod the simulator injected), then one status write
   * each, as the kubelet does. What this costs is the mock server and the fabric8 client alone.
   */
  private static void raw(int namespaces, int perNamespace) {
    try (SimulatedCluster cluster = SimulatedCluster.builder().nodes(3).start();
        KubernetesClient watcher = cluster.newClient(10)) {
      KubernetesClient client = cluster.newClient(0);
      cluster.controlPlane().install(Revision.of("1-24-0", "1.24.0").asDefault());
      Fixtures.namespace("template").withLabel("istio-injection", "enabled").create(client);
      Fixtures.deployment("app").inNamespace("template").withReplicas(1).create(client);
      cluster.settle();
      Pod template = client.pods().inNamespace("template").list().getItems().get(0);
      AtomicLong podEvents = new AtomicLong();
      watcher.pods().inAnyNamespace().inform(counter(podEvents), 0);
      long t0 = System.nanoTime();
      for (int i = 0; i < namespaces; i++) {
        Fixtures.namespace("ns-" + i).withLabel("istio-injection", "enabled").create(client);
      }
      List<Pod> created = new ArrayList<>();
      for (int i = 0; i < namespaces; i++) {
        for (int j = 0; j < perNamespace; j++) {
          Pod pod =
              new PodBuilder(template)
                  .editMetadata()
                  .withNamespace("ns-" + i)
                  .withName("app-" + j)
                  .withResourceVersion(null)
                  .withUid(null)
                  .withCreationTimestamp(null)
                  .endMetadata()
                  .withStatus(null)
                  .build();
          created.add(client.resource(pod).create());
        }
      }
      report("raw: pods created", t0, podEvents, cluster);
      // Rounds of one status write per pod: the later ones show the rate once the JIT has warmed
      // up; "parallel" rounds write from 4 threads (as kubelets on several nodes would).
      int threads = Integer.getInteger("bench.threads", 4);
      for (String phase : List.of("Pending", "Running", "Succeeded/parallel", "Failed")) {
        boolean parallel = phase.endsWith("/parallel");
        long t1 = System.nanoTime();
        long before = podEvents.get();
        Function<Pod, Pod> write =
            pod ->
                client
                    .resource(
                        new PodBuilder(pod)
                            .withStatus(template.getStatus())
                            .editStatus()
                            .withPhase(phase.replace("/parallel", ""))
                            .endStatus()
                            .build())
                    .updateStatus();
        List<Pod> written;
        if (parallel) {
          ForkJoinPool pool = new ForkJoinPool(threads);
          List<Pod> in = created;
          written = pool.submit(() -> in.parallelStream().map(write).toList()).join();
          pool.shutdown();
        } else {
          written = created.stream().map(write).toList();
        }
        created = written;
        double seconds = (System.nanoTime() - t1) / 1e9;
        report("raw: status write " + phase, t1, podEvents, cluster);
        System.err.printf(
            "raw status writes (%s): %d in %.1f s = %.0f writes/s; informer saw %d%n",
            phase, created.size(), seconds, created.size() / seconds, podEvents.get() - before);
      }
      client.close();
    }
  }

  private static ResourceEventHandler<Pod> counter(AtomicLong podEvents) {
    return new ResourceEventHandler<>() {
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
    };
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
