package io.meshwarden.watcher;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.meshwarden.testkit.kubernetes.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Creates, relabels and deletes pods across namespaces: the watcher's workload in tests. */
final class Churn {

  private static final Set<String> SYSTEM = Set.of("kube-system", "istio-system", "meshwarden");

  private Churn() {}

  /**
   * Runs exactly {@code operations} API writes on pods in up to {@code namespaces} of the existing
   * non-system namespaces: half creates, a third label updates, the rest deletes.
   */
  static void run(KubernetesClient client, int namespaces, int operations, Random random) {
    List<String> nsNames =
        client.namespaces().list().getItems().stream()
            .map(n -> n.getMetadata().getName())
            .filter(n -> !SYSTEM.contains(n))
            .limit(namespaces)
            .toList();
    List<String[]> live = new ArrayList<>();
    for (int op = 0; op < operations; op++) {
      int dice = random.nextInt(6);
      if (live.size() < 3 || dice < 3) {
        String ns = nsNames.get(random.nextInt(nsNames.size()));
        String name = "p-" + Long.toHexString(random.nextLong() & 0xffffffffL);
        Fixtures.pod(name)
            .inNamespace(ns)
            .withLabel("app", "app-" + random.nextInt(5))
            .withContainer("app", "ghcr.io/acme/app:" + random.nextInt(3))
            .create(client);
        live.add(new String[] {ns, name});
      } else if (dice < 5) {
        String[] target = live.get(random.nextInt(live.size()));
        String version = "v" + random.nextInt(1000);
        client
            .pods()
            .inNamespace(target[0])
            .withName(target[1])
            .edit(
                (Pod p) -> {
                  p.getMetadata().getLabels().put("version", version);
                  return p;
                });
      } else {
        String[] gone = live.remove(random.nextInt(live.size()));
        client.pods().inNamespace(gone[0]).withName(gone[1]).delete();
      }
    }
  }
}
