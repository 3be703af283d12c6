package io.meshwarden.alerting.it;

import static io.meshwarden.alerting.Fixtures.finding;
import static io.meshwarden.alerting.Fixtures.remediation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.alerting.AlertingConfig;
import io.meshwarden.alerting.AlertingRuntime;
import io.meshwarden.common.kafka.DeadLetters;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kafka.WithKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Poison findings and remediation records go to {@code <prefix>.dlq}, counted, not skipped. */
@WithKafka
class UnreadableRecordsIT {

  @Test
  void unreadableRecordsAreDeadLetteredWithWhereAndWhyAndTheRestIsDelivered(KafkaCluster kafka)
      throws Exception {
    try (ItSupport it = new ItSupport(kafka, "poison");
        TestReceiver receiver = new TestReceiver()) {
      AlertingConfig config = it.config(RemediationNoticeIT.routing(receiver.url("/hook"), "1h"));
      String dlq = it.topics.names().deadLetter();
      byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
      byte[] future =
          "{\"schema\":\"meshwarden.io/remediation-record/v9\",\"requestId\":\"r\"}"
              .getBytes(StandardCharsets.UTF_8);
      try (AlertingRuntime runtime = it.start(config)) {
        RecordMetadata badFinding = it.publishRaw(it.topics.findings(), "bad-finding", notJson);
        RecordMetadata badRecord = it.publishRaw(it.topics.remediations(), "shop/Pod/x", future);
        it.publish(finding("web-1").build());
        it.publish(remediation("req-1").build());

        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    it.committedToEnd(config.groupId(), it.topics.findings())
                        && it.committedToEnd(config.groupId(), it.topics.remediations()));
        List<ConsumerRecord<String, byte[]>> letters = it.readAll(dlq);
        assertThat(letters).hasSize(2);
        Map<String, ConsumerRecord<String, byte[]>> byKey = new HashMap<>();
        letters.forEach(r -> byKey.put(r.key(), r));

        ConsumerRecord<String, byte[]> f = byKey.get("bad-finding");
        assertThat(f.value()).isEqualTo(notJson);
        assertThat(headers(f))
            .containsEntry(DeadLetters.REASON, "MALFORMED")
            .containsEntry(DeadLetters.TOPIC, it.topics.findings())
            .containsEntry(DeadLetters.PARTITION, Integer.toString(badFinding.partition()))
            .containsEntry(DeadLetters.OFFSET, Long.toString(badFinding.offset()))
            .containsEntry(DeadLetters.ROLE, "alerting")
            .containsKey(DeadLetters.ERROR);
        ConsumerRecord<String, byte[]> r = byKey.get("shop/Pod/x");
        assertThat(r.value()).isEqualTo(future);
        assertThat(headers(r))
            .containsEntry(DeadLetters.REASON, "UNSUPPORTED_SCHEMA")
            .containsEntry(DeadLetters.TOPIC, it.topics.remediations())
            .containsEntry(DeadLetters.PARTITION, Integer.toString(badRecord.partition()))
            .containsEntry(DeadLetters.OFFSET, Long.toString(badRecord.offset()));
        assertThat(it.counter("meshwarden.alerting.findings.unreadable")).isEqualTo(1.0);
        assertThat(it.counter("meshwarden.alerting.remediations.unreadable")).isEqualTo(1.0);
        // What was readable went on: the finding and the failed remediation were delivered.
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered().size() >= 2);
      }
      // A restart re-reads the findings table from the start, but the poison finding lies below
      // the committed offset: it is not dead-lettered again. A finding behind it in its partition
      // (same key) shows when the re-read has passed it.
      try (AlertingRuntime again = it.start(config)) {
        it.publishRaw(
            it.topics.findings(),
            "bad-finding",
            WireSerde.findings().serialize("", finding("web-2").build()));
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    it.committedToEnd(config.groupId(), it.topics.findings())
                        && it.committedToEnd(config.groupId(), it.topics.remediations()));
      }
      assertThat(it.readAll(dlq)).hasSize(2);
    }
  }

  private static Map<String, String> headers(ConsumerRecord<String, byte[]> r) {
    Map<String, String> out = new HashMap<>();
    for (Header h : r.headers()) {
      out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    return out;
  }
}
