package io.meshwarden.alerting.it;

import static io.meshwarden.alerting.Fixtures.remediation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.alerting.AlertingConfig;
import io.meshwarden.alerting.AlertingRuntime;
import io.meshwarden.alerting.model.NoticeFactory;
import io.meshwarden.common.protocol.RemediationRecord;
import io.meshwarden.common.protocol.RemediationRecord.Outcome;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kafka.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Action notices from {@code <prefix>.remediations} through a real Kafka to a local webhook. */
@WithKafka
class RemediationNoticeIT {

  static String routing(String url, String repeatInterval) {
    return """
        receivers:
          - name: hook
            webhook:
              url: "%s"
              delivery: {timeout: 2s, initial_backoff: 20ms, max_backoff: 200ms}
        route:
          receiver: hook
          group_by: ['...']
          group_wait: 0s
          group_interval: 100ms
          repeat_interval: %s
        """
        .formatted(url, repeatInterval);
  }

  @Test
  void failedRemediationArrivesOnceEvenAcrossARestart(KafkaCluster kafka) throws Exception {
    try (ItSupport it = new ItSupport(kafka, "notice");
        TestReceiver receiver = new TestReceiver()) {
      AlertingConfig config = it.config(routing(receiver.url("/hook"), "100ms"));
      RemediationRecord failed = remediation("req-failed").build();
      try (AlertingRuntime runtime = it.start(config)) {
        it.publish(failed);
        it.publish(failed); // the executor retried its write: the same notice
        it.publish(remediation("req-ok").on("shop", "api").withOutcome(Outcome.SUCCEEDED).build());
        it.publish(remediation("req-go").on("shop", "db").withOutcome(Outcome.STARTED).build());
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> it.committedToEnd(config.groupId(), it.topics.remediations()));
      }
      // A new instance of the same group reads on from the committed offsets; a last record shows
      // when it has caught up.
      try (AlertingRuntime again = it.start(config)) {
        it.publish(remediation("req-last").on("shop", "cache").build());
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> requestIds(receiver).contains("req-last"));
      }

      List<String> told = requestIds(receiver);
      assertThat(told).containsExactlyInAnyOrder("req-failed", "req-last");
      JsonNode alert = receiver.delivered().get(0).json().get("alerts").get(0);
      assertThat(alert.get("fingerprint").asText()).isEqualTo(NoticeFactory.fingerprint(failed));
      assertThat(alert.get("status").asText()).isEqualTo("firing");
      assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("remediation");
      assertThat(alert.get("labels").get("code").asText()).isEqualTo("ROLLOUT_TIMEOUT");
      assertThat(alert.get("labels").get("outcome").asText()).isEqualTo("FAILED");
      assertThat(alert.get("labels").get("kind").asText()).isEqualTo("Deployment");
      assertThat(alert.get("labels").get("namespace").asText()).isEqualTo("shop");
      assertThat(alert.get("labels").get("name").asText()).isEqualTo("web");
    }
  }

  /** The request id of every alert delivered, once per delivery. */
  private static List<String> requestIds(TestReceiver receiver) {
    List<String> out = new ArrayList<>();
    for (TestReceiver.Received r : new ArrayList<>(receiver.delivered())) {
      r.json().get("alerts").forEach(a -> out.add(a.get("annotations").get("request_id").asText()));
    }
    return out;
  }
}
