package io.meshwarden.sandbox;

import java.io.PrintStream;

/** What the sandbox prints: where each part listens, which roles run, and live progress. */
final class StatusReport {

  /** Roles not in the sandbox yet, with the issue that brings each. */
  private final Sandbox sandbox;

  StatusReport(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  void print(PrintStream out) {
    out.println();
    out.println("meshwarden sandbox is up");
    out.printf("  %-22s %s%n", "Kafka bootstrap", sandbox.bootstrapServers());
    sandbox
        .clusters()
        .forEach(
            (name, c) -> {
              var client = c.simulated().client();
              int namespaces = client.namespaces().list().getItems().size();
              int pods = client.pods().inAnyNamespace().list().getItems().size();
              out.printf(
                  "  %-22s %s (%d namespaces, %d pods)%n",
                  "cluster " + name, c.simulated().url(), namespaces, pods);
            });
    out.printf("  %-22s %d created or checked%n", "topics", sandbox.topics().size());
    out.printf(
        "  %-22s %d replicas per cluster, one leads each%n",
        "watcher", SandboxCluster.WATCHER_REPLICAS);
    out.printf(
        "  %-22s %d instances per cluster sharing its shards; findings open after %d s%n",
        "reconciler", SandboxCluster.RECONCILER_INSTANCES, SandboxCluster.HOLD.toSeconds());
    out.printf(
        "  %-22s 1 instance, grouping by cluster/namespace/rule into a signed webhook%n",
        "alerting");
    out.printf(
        "  %-22s http://127.0.0.1:%d/metrics  /healthz  /readyz%n", "ops", sandbox.httpPort());
    out.printf(
        "  %-22s 1 executor per cluster; policies from each scenario (enforce, audit, opt-out)%n",
        "remediation");
    sandbox
        .metricsUrls()
        .forEach((instance, url) -> out.printf("  %-30s %s%n", "metrics of " + instance, url));
    out.println();
  }

  /** One line per cluster: who leads its watchers and how many facts they published. */
  void progress(PrintStream out) {
    out.printf(
        "  alerts delivered: %d firing, %d resolved%n",
        sandbox.alerting().alertsFiring(), sandbox.alerting().alertsResolved());
    sandbox
        .clusters()
        .forEach(
            (name, c) ->
                out.printf(
                    "  %-10s watcher leader %-20s facts published %-6d reconcilers running %d/%d"
                        + "  findings open %d%n",
                    name,
                    c.leader(),
                    c.published(),
                    c.reconcilersRunning(),
                    SandboxCluster.RECONCILER_INSTANCES,
                    c.openFindings()));
  }
}
