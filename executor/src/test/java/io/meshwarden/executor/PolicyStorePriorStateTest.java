package io.meshwarden.executor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.meshwarden.core.policy.ParsedPolicy;
import io.meshwarden.testkit.kubernetes.KubernetesApi;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What an executor taking over reads back from the InjectionPolicies' status. */
class PolicyStorePriorStateTest {

  @RegisterExtension static final KubernetesApi K8S = KubernetesApi.perClass();

  private final PolicyStore store = new PolicyStore(K8S.client(), Clock.systemUTC());

  @AfterEach
  void deletePolicies() {
    K8S.client().genericKubernetesResources(PolicyStore.CONTEXT).delete();
  }

  @Test
  void theLatestOpeningWinsAndCountsAreReadPerPolicy() {
    policy("a", Map.of("circuitBreaker", "Open since 2026-11-24T10:00:00Z", "counts", counts(3)));
    policy("b", Map.of("circuitBreaker", "Open since 2026-11-24T09:00:00Z", "counts", counts(1)));
    policy("c", Map.of("circuitBreaker", "Closed"));

    PolicyStore.PriorState prior = store.readPriorState();

    assertThat(prior.breakerOpenSince()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    assertThat(prior.counts())
        .containsOnlyKeys("a", "b")
        .containsEntry("a", Map.of("failed", 3L, "succeeded", 7L));
  }

  @Test
  void anInvalidPolicysStaleStatusIsNotTrustedAndIsClearedOnTheNextWrite() {
    policy("good", Map.of("circuitBreaker", "Closed"));
    policy(
        "broken",
        Map.of("mode", "sometimes"),
        Map.of("circuitBreaker", "Open since 2026-11-24T09:00:00Z", "counts", counts(2)));

    assertThat(store.readPriorState().breakerOpenSince()).isNull();
    assertThat(store.readPriorState().counts()).isEmpty();

    List<ParsedPolicy> read = store.read();
    assertThat(read).anyMatch(p -> p instanceof ParsedPolicy.Invalid);
    store.writeStatus(read, Map.of(), "Closed");
    JsonNode status = status("broken");
    assertThat(status.path("conditions").get(0).path("type").asText()).isEqualTo("Invalid");
    // A real API server deletes keys a merge patch sets to null; fabric8's mock stores the nulls.
    assertThat(status.path("circuitBreaker").isTextual()).as("status %s", status).isFalse();
    assertThat(status.path("counts").isObject()).as("status %s", status).isFalse();
  }

  @Test
  void aClosedOrMissingStatusLeavesTheBreakerClosedWithNoCounts() {
    policy("a", Map.of("circuitBreaker", "Closed"));
    policy("fresh", null);

    PolicyStore.PriorState prior = store.readPriorState();

    assertThat(prior.breakerOpenSince()).isNull();
    assertThat(prior.counts()).isEmpty();
  }

  @Test
  void aHandWrittenOrForeignStatusIsPassedOverNotTrusted() {
    policy(
        "edited",
        Map.of(
            "circuitBreaker",
            "Open since yesterday",
            "counts",
            Map.of("failed", "many", "skipped", -4, "halted", 2)));

    PolicyStore.PriorState prior = store.readPriorState();

    assertThat(prior.breakerOpenSince()).isNull();
    assertThat(prior.counts()).containsExactly(Map.entry("edited", Map.of("halted", 2L)));
  }

  private static Map<String, Object> counts(int failed) {
    return Map.of("failed", failed, "succeeded", 7);
  }

  private static void policy(String name, Map<String, Object> status) {
    policy(name, Map.of("mode", "audit"), status);
  }

  private static JsonNode status(String name) {
    return new ObjectMapper()
        .valueToTree(
            K8S.client()
                .genericKubernetesResources(PolicyStore.CONTEXT)
                .withName(name)
                .get()
                .getAdditionalProperties()
                .get("status"));
  }

  private static void policy(String name, Map<String, Object> spec, Map<String, Object> status) {
    GenericKubernetesResource policy = new GenericKubernetesResource();
    policy.setApiVersion("meshwarden.io/v1alpha1");
    policy.setKind("InjectionPolicy");
    policy.setMetadata(new ObjectMetaBuilder().withName(name).build());
    policy.setAdditionalProperty("spec", spec);
    if (status != null) {
      policy.setAdditionalProperty("status", status);
    }
    K8S.client().genericKubernetesResources(PolicyStore.CONTEXT).resource(policy).create();
  }
}
