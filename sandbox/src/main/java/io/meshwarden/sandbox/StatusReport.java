package io.meshwarden.sandbox;

import java.io.PrintStream;
import java.util.Map;

/** What the sandbox prints once it runs: where each part listens and which roles run. */
final class StatusReport {

  /** Roles in the order data flows, with the issue that brings each into the sandbox. */
  private static final Map<String, String> ROLES =
      Map.of("watcher", "#6", "reconciler", "#7", "alerting", "#9");

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
            (name, api) -> {
              int namespaces = api.client().namespaces().list().getItems().size();
              int pods = api.client().pods().inAnyNamespace().list().getItems().size();
              out.printf(
                  "  %-22s %s (%d namespaces, %d pods)%n",
                  "cluster " + name, api.url(), namespaces, pods);
            });
    out.printf("  %-22s %d created or checked%n", "topics", sandbox.topics().size());
    out.printf(
        "  %-22s http://127.0.0.1:%d/metrics  /healthz  /readyz%n", "ops", sandbox.httpPort());
    for (String role : new String[] {"watcher", "reconciler", "alerting"}) {
      out.printf("  %-22s not in the sandbox yet (issue %s)%n", role, ROLES.get(role));
    }
    out.println();
  }
}
