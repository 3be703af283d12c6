package io.meshwarden.alerting;

import io.meshwarden.alerting.delivery.DeadLetter;
import io.meshwarden.alerting.delivery.DeliveryService;
import io.meshwarden.alerting.delivery.HttpTransport;
import io.meshwarden.alerting.delivery.ReceiverChannel;
import io.meshwarden.alerting.grouping.Dispatch;
import io.meshwarden.alerting.grouping.GroupKey;
import io.meshwarden.alerting.kafka.AlertTopics;
import io.meshwarden.alerting.kafka.DeadLetterProducer;
import io.meshwarden.common.topics.TopicNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code replay-dlq}: sends dead-lettered notifications again, in order, each with its original id
 * and rendered with the receiver's current configuration, committing the replay group's offset past
 * each one delivered. It stops at the first that fails again (so nothing is skipped; run it again
 * once the receiver is fixed) and when it reaches the end of the topic.
 */
public final class ReplayDlq {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayDlq.class);

  /** What a replay did. */
  public record Result(int delivered, int skipped, boolean stoppedOnFailure) {}

  private final AlertingConfig config;
  private final HttpTransport transport;
  private final MeterRegistry registry;
  private final Clock clock;

  public ReplayDlq(
      AlertingConfig config, HttpTransport transport, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.transport = transport;
    this.registry = registry;
    this.clock = clock;
  }

  /** The consumer group that remembers how far replays got. */
  public static String groupId(String alertingGroup) {
    return alertingGroup + "-dlq-replay";
  }

  /** Replays until the end of the topic or the first failure. */
  public Result run(Duration perNotificationTimeout) throws InterruptedException {
    String topic = new AlertTopics(new TopicNames(config.topicPrefix())).deadLetters();
    int delivered = 0;
    int skipped = 0;
    CompletableFuture<DeadLetter> failedAgain = new CompletableFuture<>();
    try (KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(
                config.kafka().consumerProps("meshwarden-replay-dlq", groupId(config.groupId())),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        DeliveryService delivery =
            new DeliveryService(
                config.routing(),
                config.externalUrl(),
                transport,
                failedAgain::complete,
                registry,
                clock)) {
      List<TopicPartition> tps =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(tps);
      Map<TopicPartition, OffsetAndMetadata> committed =
          consumer.committed(java.util.Set.copyOf(tps));
      for (TopicPartition tp : tps) {
        OffsetAndMetadata o = committed.get(tp);
        if (o == null) {
          consumer.seekToBeginning(List.of(tp));
        } else {
          consumer.seek(tp, o.offset());
        }
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(tps);
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          DeadLetter letter = DeadLetterProducer.decode(r.value());
          if (!config.routing().receivers().containsKey(letter.receiver())) {
            LOG.warn(
                "Skipping dead letter {} of unknown receiver {}", r.offset(), letter.receiver());
            skipped++;
          } else if (!replay(delivery, letter, failedAgain, perNotificationTimeout)) {
            LOG.error(
                "Replay of {} to {} failed again; stopping at offset {}",
                letter.notification().id(),
                letter.receiver(),
                r.offset());
            return new Result(delivered, skipped, true);
          } else {
            delivered++;
          }
          consumer.commitSync(
              Map.of(
                  new TopicPartition(r.topic(), r.partition()),
                  new OffsetAndMetadata(r.offset() + 1)));
        }
      }
    }
    return new Result(delivered, skipped, false);
  }

  private boolean replay(
      DeliveryService delivery,
      DeadLetter letter,
      CompletableFuture<DeadLetter> failedAgain,
      Duration timeout)
      throws InterruptedException {
    CompletableFuture<ReceiverChannel.Completion> done = new CompletableFuture<>();
    GroupKey key = new GroupKey(letter.receiver(), "replay", letter.notification().groupLabels());
    delivery.submit(new Dispatch(letter.notification(), key, List.of()), done::complete);
    try {
      ReceiverChannel.Completion c = done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return c.deadLettered() == 0 && !failedAgain.isDone();
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }
}
