package io.meshwarden.reconciler.stream;

import io.meshwarden.common.protocol.CloudEventHeaders;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.WireSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the findings topic the way a consumer of it would (read_committed, from the start): every
 * event in order, and the table of the latest value per fingerprint. Use from one thread.
 */
public final class FindingsTopic implements AutoCloseable {

  /** One event: the CloudEvents type and the finding (null for a tombstone). */
  public record Event(String type, String key, Finding finding) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Event> events = new ArrayList<>();
  private final Map<String, Finding> table = new HashMap<>();

  public FindingsTopic(Map<String, Object> consumerProps, String topic) {
    consumer = new KafkaConsumer<>(consumerProps);
    List<TopicPartition> parts =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
  }

  /** Reads what has arrived since the last call. */
  public FindingsTopic poll() {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
      Finding f = WireSerde.findings().deserialize(r.topic(), r.value());
      CloudEventHeaders ce = CloudEventHeaders.readFrom(r.headers());
      events.add(new Event(ce == null ? null : ce.type(), r.key(), f));
      if (f == null) {
        table.remove(r.key());
      } else {
        table.put(r.key(), f);
      }
    }
    return this;
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  /** The latest finding per fingerprint whose state is {@code state}. */
  public List<Finding> latest(Finding.State state) {
    return table.values().stream().filter(f -> f.state() == state).toList();
  }

  /** How many opened events each fingerprint had. */
  public Map<String, Long> openings() {
    Map<String, Long> out = new HashMap<>();
    events.stream()
        .filter(e -> CloudEventHeaders.TYPE_FINDING_OPENED.equals(e.type()))
        .forEach(e -> out.merge(e.key(), 1L, Long::sum));
    return out;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
