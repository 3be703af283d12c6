package io.meshwarden.alerting.it;

import static io.meshwarden.alerting.Fixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.alerting.AlertingConfig;
import io.meshwarden.alerting.AlertingRuntime;
import io.meshwarden.alerting.ReplayDlq;
import io.meshwarden.alerting.delivery.JdkHttpTransport;
import io.meshwarden.alerting.receiver.StandardWebhooks;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kafka.WithKafka;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** End to end through a real Kafka to a local signed-webhook receiver. */
@WithKafka
class DeliveryIT {

  static final String SECRET = "whsec_c2VjcmV0LWtleS0xMjM0NTY3OA==";

  /**
   * Delivery is configured in milliseconds (backoff 20 ms → 200 ms, breaker open 100 ms, give up
   * after 60 s), so an outage of the same number of retries as two minutes at production settings
   * takes a couple of seconds: the receiver stays down until it has refused 25 attempts.
   */
  static String routing(String url, String groupBy, String minInterval) {
    return """
        receivers:
          - name: hook
            webhook:
              url: "%s"
              secret: "%s"
              delivery:
                timeout: 2s
                min_interval: %s
                initial_backoff: 20ms
                max_backoff: 200ms
                max_attempts: 1000
                max_retry_time: 60s
                breaker_threshold: 3
                breaker_open_for: 100ms
        route:
          receiver: hook
          group_by: %s
          group_wait: 0s
          group_interval: 100ms
          repeat_interval: 1h
        """
        .formatted(url, SECRET, minInterval, groupBy);
  }

  @Test
  void receiverDownForAWhileLosesNothingAndDeliversInOrderPerGroup(KafkaCluster kafka)
      throws Exception {
    try (ItSupport it = new ItSupport(kafka, "down");
        TestReceiver receiver = new TestReceiver()) {
      receiver.status.set(503);
      AlertingConfig config =
          it.config(routing(receiver.url("/hook"), "[cluster, namespace, code]", "0s"));
      try (AlertingRuntime runtime = it.start(config)) {
        for (int i = 0; i < 5; i++) {
          it.publish(finding("web-" + i).build());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests.size() >= 10);
        it.publish(finding("web-0").resolved().build());
        it.publish(finding("web-1").resolved().build());
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests.size() >= 25);
        receiver.status.set(200);
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  List<JsonNode> bodies =
                      receiver.delivered().stream().map(TestReceiver.Received::json).toList();
                  assertThat(bodies).hasSizeGreaterThanOrEqualTo(2);
                  JsonNode last = bodies.get(bodies.size() - 1);
                  assertThat(statuses(last))
                      .containsEntry(fp("web-0"), "resolved")
                      .containsEntry(fp("web-4"), "firing");
                });
        List<JsonNode> bodies =
            receiver.delivered().stream().map(TestReceiver.Received::json).toList();
        // Nothing lost: every finding was announced firing; in order: firing before resolved.
        assertThat(firingIds(receiver)).hasSize(5);
        for (String name : List.of("web-0", "web-1")) {
          int firstFiring = indexOf(bodies, fp(name), "firing");
          int resolved = indexOf(bodies, fp(name), "resolved");
          assertThat(firstFiring).isNotNegative().isLessThan(resolved);
        }
        assertThat(it.counter("meshwarden.alerting.notifications.retried", "hook"))
            .isGreaterThan(0);
        assertThat(it.deadLetters()).isEmpty();
      }
    }
  }

  @Test
  void receiverAnswering4xxDeadLettersAndReplayDeliversOnceFixed(KafkaCluster kafka)
      throws Exception {
    try (ItSupport it = new ItSupport(kafka, "dlq");
        TestReceiver receiver = new TestReceiver()) {
      receiver.status.set(410);
      AlertingConfig config =
          it.config(routing(receiver.url("/hook"), "[cluster, namespace, code]", "0s"));
      try (AlertingRuntime runtime = it.start(config)) {
        it.publish(finding("web-1").inNamespace("a").build());
        it.publish(finding("web-2").inNamespace("b").build());
        await().atMost(Duration.ofSeconds(30)).until(() -> it.deadLetters().size() == 2);
        assertThat(it.counter("meshwarden.alerting.notifications.dead_lettered", "hook"))
            .isEqualTo(2);
      }
      List<String> deadIds =
          receiver.requests.stream().map(r -> r.headers().get("webhook-id")).distinct().toList();
      receiver.status.set(200);
      ReplayDlq replay =
          new ReplayDlq(
              config, new JdkHttpTransport(Duration.ofSeconds(2)), it.registry, Clock.systemUTC());
      ReplayDlq.Result result = replay.run(Duration.ofSeconds(20));
      assertThat(result.delivered()).isEqualTo(2);
      assertThat(result.stoppedOnFailure()).isFalse();
      assertThat(receiver.delivered())
          .extracting(r -> r.headers().get("webhook-id"))
          .containsExactlyInAnyOrderElementsOf(deadIds);
      assertThat(replay.run(Duration.ofSeconds(20)).delivered()).as("replayed once only").isZero();
    }
  }

  @Test
  void killedMidBurstAndRestartedNotifiesNothingTwice(KafkaCluster kafka) throws Exception {
    try (ItSupport it = new ItSupport(kafka, "kill");
        TestReceiver receiver = new TestReceiver()) {
      // 20 ms between requests: 150 notifications take at least 3 s, so the kill lands mid-burst.
      AlertingConfig config = it.config(routing(receiver.url("/hook"), "['...']", "20ms"));
      int burst = 150;
      AlertingRuntime first = it.start(config);
      for (int i = 0; i < burst; i++) {
        it.publish(finding("web-" + i).build());
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered().size() >= 40);
      first.kill();
      int beforeRestart = receiver.delivered().size();
      try (AlertingRuntime second = it.start(config)) {
        await().atMost(Duration.ofSeconds(60)).until(() -> firingIds(receiver).size() == burst);
      }
      StandardWebhooks verifier = new StandardWebhooks(SECRET);
      Map<String, Set<String>> idsPerFingerprint = firingIds(receiver);
      assertThat(idsPerFingerprint).hasSize(burst);
      assertThat(idsPerFingerprint.values())
          .as("each finding announced by exactly one notification id (receivers drop repeated ids)")
          .allSatisfy(ids -> assertThat(ids).hasSize(1));
      assertThat(receiver.delivered())
          .allSatisfy(
              r ->
                  assertThat(
                          verifier.verify(
                              r.headers().get("webhook-id"),
                              r.headers().get("webhook-timestamp"),
                              r.headers().get("webhook-signature"),
                              r.body(),
                              Instant.now()))
                      .isTrue());
      assertThat(beforeRestart).isLessThan(burst);
    }
  }

  private static Map<String, Set<String>> firingIds(TestReceiver receiver) {
    Map<String, Set<String>> out = new HashMap<>();
    for (TestReceiver.Received r : new ArrayList<>(receiver.delivered())) {
      statuses(r.json())
          .forEach(
              (fp, status) -> {
                if (status.equals("firing")) {
                  out.computeIfAbsent(fp, k -> new HashSet<>()).add(r.headers().get("webhook-id"));
                }
              });
    }
    return out;
  }

  private static int indexOf(List<JsonNode> bodies, String fingerprint, String status) {
    for (int i = 0; i < bodies.size(); i++) {
      if (status.equals(statuses(bodies.get(i)).get(fingerprint))) {
        return i;
      }
    }
    return -1;
  }

  private static Map<String, String> statuses(JsonNode body) {
    Map<String, String> out = new HashMap<>();
    body.get("alerts")
        .forEach(a -> out.put(a.get("fingerprint").asText(), a.get("status").asText()));
    return out;
  }

  private static String fp(String name) {
    return finding(name).build().fingerprint();
  }
}
