package io.meshwarden.executor;

import io.meshwarden.common.protocol.RemediationRequest;
import io.meshwarden.common.protocol.WireSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The request topic through a consumer group. The topic has one partition, so exactly one member of
 * the group owns it: that member is the cluster's active executor; the others idle as warm standbys
 * and take over after a rebalance, resuming from the last committed offset. Used from one thread
 * only.
 */
final class KafkaRequestSource implements RequestSource {

  private final KafkaConsumer<String, byte[]> consumer;
  private final WireSerde<RemediationRequest> serde = WireSerde.remediationRequests();
  private final TopicPartition partition;
  private volatile boolean owned;
  private boolean revoked;
  private long committed = -1;

  KafkaRequestSource(RemediationConfig config) {
    Properties props =
        config.kafka().consumerProps("meshwarden-remediation-" + config.actor(), config.groupId());
    // Classic protocol: works with every broker (KIP-848's "consumer" protocol needs it enabled
    // broker-side). Without static membership a member that closes leaves the group at once, so its
    // partition moves without waiting for the session timeout.
    props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    props.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName());
    // Requests are few and a rollout may take minutes between polls in one step: keep batches
    // small.
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    this.consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    String topic = config.topics().remediationRequests(config.cluster());
    this.partition = new TopicPartition(topic, 0);
    consumer.subscribe(List.of(topic), new Listener());
  }

  private final class Listener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.contains(partition)) {
        owned = true;
        committed = -1;
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      lose(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      lose(partitions);
    }

    private void lose(Collection<TopicPartition> partitions) {
      if (partitions.contains(partition)) {
        owned = false;
        revoked = true;
      }
    }
  }

  @Override
  public List<Delivery> poll(Duration timeout) {
    List<Delivery> out = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
      WireSerde.Decoded<RemediationRequest> decoded = serde.tryDecode(r.value());
      if (decoded instanceof WireSerde.Decoded.Ok<RemediationRequest> ok) {
        out.add(new Delivery(r.offset(), ok.value(), ok.value() == null ? "tombstone" : null));
      } else if (decoded instanceof WireSerde.Decoded.Failed<RemediationRequest> failed) {
        out.add(
            new Delivery(
                r.offset(),
                null,
                failed.error().getMessage(),
                new Unreadable(
                    r.topic(), r.partition(), r.key(), r.value(), failed.error().reason().name())));
      }
    }
    return out;
  }

  @Override
  public void commit(long nextOffset) {
    if (owned && nextOffset > committed) {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(nextOffset)));
      committed = nextOffset;
    }
  }

  @Override
  public boolean active() {
    return owned;
  }

  @Override
  public boolean takeRevoked() {
    boolean was = revoked;
    revoked = false;
    return was;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
