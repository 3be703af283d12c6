package io.meshwarden.common.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.PodSpecFacts.PortFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ProbeFacts;
import io.meshwarden.common.protocol.PodStatusFacts.ContainerStatusFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One realistic record of every wire type, for round-trip and schema tests. */
final class SampleRecords {

  static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
  static final Instant T1 = Instant.parse("2026-11-24T14:05:30.250Z");

  private SampleRecords() {}

  static FactMeta meta(String namespace, String name) {
    return new FactMeta(
        "prod-eu",
        namespace,
        name,
        "uid-" + name,
        "4711",
        T1,
        T0,
        Map.of("app", "web", "istio.io/rev", "1-24-0"),
        Map.of("sidecar.istio.io/status", "{\"revision\":\"1-24-0\"}"));
  }

  static PodSpecFacts podSpec() {
    ContainerFacts app =
        new ContainerFacts(
            "web",
            "ghcr.io/acme/web:2.1",
            null,
            1000L,
            List.of(new PortFacts("http", 8080, "TCP")),
            new ProbeFacts("httpGet", "15020", "/app-health/web/readyz", null, "HTTP"),
            new ProbeFacts("tcpSocket", "http", null, null, null),
            null,
            null);
    ContainerFacts proxy =
        new ContainerFacts(
            "istio-proxy",
            "docker.io/istio/proxyv2:1.24.0",
            "Always",
            1337L,
            null,
            null,
            null,
            null,
            List.of("/app-health/web/readyz", "/app-health/web/livez"));
    ContainerFacts init =
        new ContainerFacts(
            "istio-init", "docker.io/istio/proxyv2:1.24.0", null, 0L, null, null, null, null, null);
    return new PodSpecFacts(List.of(init, proxy), List.of(app), false, 1000L, 3000L, "web");
  }

  static List<ObjectFacts> everyFactKind() {
    List<ObjectFacts> all = new ArrayList<>();
    all.add(NamespaceFacts.of(meta("", "shop"), "Active"));
    all.add(
        PodFacts.of(
            meta("shop", "web-7d4b9c-abcde"),
            new OwnerRef("ReplicaSet", "web-7d4b9c", "uid-rs"),
            podSpec(),
            new PodStatusFacts(
                "Running",
                "node-a",
                List.of(
                    new ContainerStatusFacts(
                        "istio-proxy",
                        "docker.io/istio/proxyv2:1.24.0",
                        true,
                        true,
                        0,
                        null,
                        null)),
                List.of(
                    new ContainerStatusFacts(
                        "web",
                        "ghcr.io/acme/web:2.1",
                        false,
                        false,
                        7,
                        "CrashLoopBackOff",
                        "Error")))));
    for (FactKind k :
        List.of(
            FactKind.Deployment,
            FactKind.StatefulSet,
            FactKind.DaemonSet,
            FactKind.ReplicaSet,
            FactKind.Job)) {
      all.add(
          new WorkloadFacts(
              null,
              k,
              meta("shop", "web-" + k.name().toLowerCase()),
              k == FactKind.ReplicaSet ? new OwnerRef("Deployment", "web", "uid-d") : null,
              new LabelSelector(
                  Map.of("app", "web"),
                  List.of(new LabelSelector.Requirement("tier", "In", List.of("front")))),
              new WorkloadFacts.PodTemplateFacts(
                  Map.of("app", "web"),
                  Map.of("kubectl.kubernetes.io/restartedAt", "x"),
                  podSpec()),
              3,
              5L,
              new WorkloadFacts.RolloutStatus(5L, 3, 2, 3, 2)));
    }
    all.add(
        new PodDisruptionBudgetFacts(
            null,
            null,
            meta("shop", "web-pdb"),
            new LabelSelector(Map.of("app", "web"), null),
            "50%",
            null,
            3,
            2,
            1));
    all.add(
        new ServiceFacts(
            null,
            null,
            meta("shop", "web"),
            "ClusterIP",
            Map.of("app", "web"),
            List.of(
                new ServiceFacts.ServicePort("http-web", 80, "http", "TCP", null),
                new ServiceFacts.ServicePort("grpc", 9090, "9090", "TCP", "grpc", true)),
            null,
            "10.0.0.12"));
    all.add(new SecretFacts(null, null, meta("istio-system", "shop-cert"), "kubernetes.io/tls"));
    for (FactKind k : FactKind.values()) {
      if (!k.isIstioConfig()) {
        continue;
      }
      all.add(
          new IstioConfigFacts(
              null,
              k,
              meta("shop", "web-" + k.name().toLowerCase()),
              "networking.istio.io/v1",
              spec()));
    }
    all.add(
        new InjectorConfigFacts(
            null,
            null,
            meta("istio-system", "istio-sidecar-injector-1-24-0"),
            "1-24-0",
            "enabled",
            List.of(new LabelSelector(Map.of("openshift.io/build.name", "x"), null)),
            List.of(),
            false,
            "docker.io/istio",
            "1.24.0",
            "proxyv2",
            null,
            true,
            false,
            List.of("sidecar")));
    all.add(
        new WebhookConfigFacts(
            null,
            null,
            meta("", "istio-revision-tag-prod"),
            "1-24-0",
            "prod",
            List.of(
                new WebhookConfigFacts.Webhook(
                    "rev.namespace.sidecar-injector.istio.io",
                    new LabelSelector(
                        Map.of("istio.io/rev", "prod"),
                        List.of(
                            new LabelSelector.Requirement(
                                "istio-injection", "DoesNotExist", null))),
                    LabelSelector.EVERYTHING,
                    "Fail",
                    "istio-system",
                    "istiod-1-24-0",
                    "/inject",
                    null))));
    all.add(
        new RevisionTagFacts(null, null, meta("", "istio-revision-tag-prod"), "prod", "1-24-0"));
    ObjectNode mesh = WireCodec.mapper().createObjectNode();
    mesh.put("rootNamespace", "istio-system").put("trustDomain", "cluster.local");
    all.add(new MeshConfigFacts(null, null, meta("istio-system", "istio-1-24-0"), "1-24-0", mesh));
    all.add(
        new PeerAuthenticationFacts(
            null,
            null,
            meta("payments", "ledger"),
            "security.istio.io/v1",
            Map.of("app", "ledger"),
            PeerAuthenticationFacts.STRICT,
            Map.of("8080", PeerAuthenticationFacts.PERMISSIVE)));
    return all;
  }

  static JsonNode spec() {
    ObjectNode spec = WireCodec.mapper().createObjectNode();
    spec.putArray("hosts").add("web");
    spec.putArray("http")
        .addObject()
        .putArray("route")
        .addObject()
        .putObject("destination")
        .put("host", "web")
        .put("subset", "v2");
    return spec;
  }

  static Finding finding(Finding.State state) {
    ObjectRef subject = new ObjectRef("Deployment", "shop", "web", "uid-d");
    return new Finding(
        null,
        null,
        "prod-eu",
        subject,
        "MW0001",
        "IST0103",
        Severity.WARNING,
        state,
        "Deployment shop/web runs pods without istio-proxy: restart it to inject the sidecar",
        Map.of("expectedRevision", "1-24-0"),
        Map.of("team", "payments"),
        T0,
        T1,
        state == Finding.State.RESOLVED ? T1 : null,
        new Finding.RemediationStatus(Finding.RemediationState.PENDING, "req-1", null, T1));
  }

  static RemediationRequest request() {
    return new RemediationRequest(
        null,
        "req-1",
        "prod-eu",
        new ObjectRef("Deployment", "shop", "web", "uid-d"),
        RemediationAction.ROLLING_RESTART,
        "MW0001",
        List.of(finding(Finding.State.OPEN).fingerprint()),
        "1-24-0",
        T1,
        "reconciler-0");
  }

  static RemediationRecord record() {
    return new RemediationRecord(
        null,
        "req-1",
        "prod-eu",
        new ObjectRef("Deployment", "shop", "web", "uid-d"),
        RemediationAction.ROLLING_RESTART,
        RemediationRecord.Outcome.SUCCEEDED,
        "rolled-out",
        "Restarted Deployment shop/web; 3 of 3 pods now run istio-proxy 1.24.0",
        "reconciler-1",
        T0,
        T1,
        Map.of("wave", "1"));
  }
}
