package io.meshwarden.alerting.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes {@code meshwarden_alerting_dlq_depth}: records in the dead-letter topic past the replay
 * group's committed offsets.
 */
public final class DlqDepthProbe implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DlqDepthProbe.class);

  private final Properties adminProps;
  private final String topic;
  private final String replayGroup;
  private final AlertingMetrics metrics;
  private final Duration interval;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "alerting-dlq-depth");
            t.setDaemon(true);
            return t;
          });
  private Admin admin;

  public DlqDepthProbe(
      Properties adminProps,
      String topic,
      String replayGroup,
      AlertingMetrics metrics,
      Duration interval) {
    this.adminProps = adminProps;
    this.topic = topic;
    this.replayGroup = replayGroup;
    this.metrics = metrics;
    this.interval = interval;
  }

  /** Starts refreshing. */
  public void start() {
    timer.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Measures once; errors are logged at debug (the metric keeps its last value). */
  void refresh() {
    try {
      if (admin == null) {
        admin = Admin.create(adminProps);
      }
      Map<TopicPartition, OffsetSpec> latest =
          admin
              .describeTopics(java.util.List.of(topic))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS)
              .get(topic)
              .partitions()
              .stream()
              .collect(
                  Collectors.toMap(
                      p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(replayGroup)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      long depth = 0;
      for (var e : ends.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        depth += e.getValue().offset() - (c == null ? 0 : c.offset());
      }
      metrics.dlqDepth(Math.max(0, depth));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.debug("Cannot measure the dead-letter depth: {}", e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
    }
  }
}
