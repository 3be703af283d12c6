package io.meshwarden.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kubernetes.ApiCall;
import io.meshwarden.testkit.kubernetes.Fixtures;
import io.meshwarden.testkit.kubernetes.KubernetesApi;
import io.meshwarden.testkit.kubernetes.Rbac;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The watcher's RBAC (deploy/base 030–036) covers exactly the API calls it makes: a watcher runs
 * against the mock API server through a client of its own until it leads, has synced every informer
 * and renewed its Lease, then stops (releasing the Lease); every request that client sent must be
 * allowed by the service account's roles in its namespace, and each verb the roles grant must have
 * been used. {@link WatcherRbacTest} compares the same roles with {@code WatchedKind}.
 */
class WatcherRbacIT {

  @RegisterExtension static final KafkaCluster KAFKA = KafkaCluster.perClass();
  @RegisterExtension static final KubernetesApi API = KubernetesApi.perClass();

  private static final Path BASE = Path.of("..", "deploy", "base");
  private static final String ACTOR = "watcher";

  /** Grants no recorded call needs to exercise, each with its reason. Empty: all are used. */
  private static final Set<String> UNEXERCISED_ALLOWED = Set.of();

  private final List<ApiCall> calls = new ArrayList<>();

  @Test
  void theWatchersCallsAreAllowedAndUseEveryGrantOfItsServiceAccount() {
    WatcherFixture fx =
        new WatcherFixture(KAFKA, API.client(), () -> API.newClient(ACTOR), "rbac", "rbac");
    fx.createTopics();
    Fixtures.namespace("istio-system").create(API.client());
    Fixtures.namespace("shop").withLabel("istio-injection", "enabled").create(API.client());
    Watcher watcher = fx.start("w-0", new SimpleMeterRegistry());
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                record();
                assertThat(watcher.publishing()).as("publishing").isTrue();
                assertThat(watcher.synced()).as("synced").isTrue();
                assertThat(calls)
                    .as("Lease renewed")
                    .anyMatch(c -> c.verb().equals("patch") && c.resource().equals("leases"));
              });
    } finally {
      watcher.close();
    }
    record();
    Rbac rbac = Rbac.forServiceAccount(BASE, "meshwarden", "meshwarden-watcher");
    List<ApiCall> distinct = List.copyOf(new LinkedHashSet<>(calls));

    assertThat(distinct)
        .as("calls the watcher made that its roles do not allow (roles: %s)", rbac.grants())
        .filteredOn(c -> !rbac.allows(c))
        .isEmpty();
    assertThat(rbac.grants())
        .as("grants no recorded call used (calls: %s)", distinct)
        .filteredOn(g -> distinct.stream().noneMatch(g::allows))
        .extracting(
            g -> g.verb() + " " + (g.group().isEmpty() ? "core" : g.group()) + "/" + g.resource())
        .filteredOn(k -> !UNEXERCISED_ALLOWED.contains(k))
        .isEmpty();
  }

  private void record() {
    API.takeRequests().stream()
        .filter(r -> ACTOR.equals(r.getHeader(KubernetesApi.ACTOR_HEADER)))
        .map(ApiCall::of)
        .forEach(calls::add);
  }
}
