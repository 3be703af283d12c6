package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.WorkloadFacts;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Facts keep every label, whatever its key, because a selector may name any key; annotations stay
 * filtered to the keys the mesh reads.
 */
class FullLabelProjectionTest {

  private static final Map<String, String> ARBITRARY =
      Map.of("team", "payments", "tier", "backend", "example.com/owner", "alice");

  private static JsonNode pod(String name) {
    return Fixtures.yaml(
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          namespace: shop
          labels: {app: web, team: payments, tier: backend, example.com/owner: alice}
          annotations:
            example.com/owner: alice
            checksum/config: 3f2a1b
            kubectl.kubernetes.io/last-applied-configuration: '{"kind":"Pod"}'
            sidecar.istio.io/inject: "true"
        spec: {containers: [{name: web, image: "ghcr.io/acme/web:2.1"}]}
        """
            .formatted(name));
  }

  @Test
  void keepsArbitraryLabelsOfAPod() {
    FactMeta meta = Fixtures.projectOne(pod("web-1")).meta();

    assertThat(meta.labels()).containsAllEntriesOf(ARBITRARY).containsEntry("app", "web");
  }

  @Test
  void keepsOnlyAllowListedAnnotationsOfAPod() {
    FactMeta meta = Fixtures.projectOne(pod("web-1")).meta();

    assertThat(meta.annotations()).containsOnlyKeys("sidecar.istio.io/inject");
  }

  @Test
  void keepsArbitraryLabelsOfANamespace() {
    JsonNode ns =
        Fixtures.yaml(
            """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              labels: {team: payments, tier: backend, example.com/owner: alice}
              annotations: {example.com/owner: alice, istio.io/rev: canary}
            """);

    FactMeta meta = Fixtures.projectOne(ns).meta();

    assertThat(meta.labels()).isEqualTo(ARBITRARY);
    assertThat(meta.annotations()).isEqualTo(Map.of("istio.io/rev", "canary"));
  }

  @Test
  void keepsArbitraryLabelsOfAWorkloadAndItsPodTemplate() {
    JsonNode deployment =
        Fixtures.yaml(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              labels: {app: web, example.com/owner: alice}
            spec:
              selector: {matchLabels: {app: web, tier: backend}}
              template:
                metadata:
                  labels: {app: web, team: payments, tier: backend, example.com/owner: alice}
                  annotations: {checksum/config: 3f2a1b, proxy.istio.io/config: "{}"}
                spec: {containers: [{name: web, image: "ghcr.io/acme/web:2.1"}]}
            """);

    WorkloadFacts web = (WorkloadFacts) Fixtures.projectOne(deployment);

    assertThat(web.meta().labels()).isEqualTo(Map.of("app", "web", "example.com/owner", "alice"));
    assertThat(web.template().labels()).containsAllEntriesOf(ARBITRARY).containsEntry("app", "web");
    assertThat(web.template().annotations()).containsOnlyKeys("proxy.istio.io/config");
  }

  @Test
  void keepsArbitraryLabelsOfAWorkloadEntryInItsSpecAndMetadata() {
    JsonNode entry =
        Fixtures.yaml(
            """
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata:
              name: vm-1
              namespace: shop
              labels: {example.com/owner: alice}
            spec:
              address: 10.0.0.7
              labels: {app: web, tier: backend, example.com/owner: alice}
            """);

    IstioConfigFacts facts = (IstioConfigFacts) Fixtures.projectOne(entry);

    assertThat(facts.meta().labels()).isEqualTo(Map.of("example.com/owner", "alice"));
    assertThat(facts.spec().path("labels").path("tier").asText()).isEqualTo("backend");
    assertThat(facts.spec().path("labels").path("example.com/owner").asText()).isEqualTo("alice");
  }

  @Test
  void internsLabelKeysAndValuesSoEqualStringsAreOneInstance() {
    ConcurrentHashMap<String, String> pool = new ConcurrentHashMap<>();
    FactProjector projector =
        Fixtures.projector().withInterner(s -> pool.computeIfAbsent(s, k -> k));

    ObjectFacts first = projector.project(pod("web-1")).facts().get(0);
    ObjectFacts second = projector.project(pod("web-2")).facts().get(0);

    // Each pod was parsed from its own text, so without the interner no string is shared.
    assertThat(key(second.meta().labels(), "example.com/owner"))
        .isSameAs(key(first.meta().labels(), "example.com/owner"));
    assertThat(second.meta().labels().get("tier")).isSameAs(first.meta().labels().get("tier"));
    assertThat(second.meta().labels().get("team")).isSameAs(first.meta().labels().get("team"));
  }

  @Test
  void withoutAnInternerEqualLabelStringsOfTwoObjectsAreDistinctInstances() {
    FactProjector projector = Fixtures.projector();

    ObjectFacts first = projector.project(pod("web-1")).facts().get(0);
    ObjectFacts second = projector.project(pod("web-2")).facts().get(0);

    assertThat(second.meta().labels().get("tier"))
        .isEqualTo(first.meta().labels().get("tier"))
        .isNotSameAs(first.meta().labels().get("tier"));
  }

  /** The map's own instance of {@code key}. */
  private static String key(Map<String, String> map, String key) {
    return map.keySet().stream().filter(key::equals).findFirst().orElseThrow();
  }
}
