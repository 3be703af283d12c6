package io.meshwarden.reconciler.stream;

import io.meshwarden.common.kafka.DeadLetters;
import org.apache.kafka.common.header.Headers;

/**
 * Where the global mesh updater sends records it cannot read. Shards forward theirs to a sink in
 * the topology (inside the task's transaction); the global thread has no sink and no transaction,
 * so it uses this: a plain idempotent producer in production, a list in tests.
 */
@FunctionalInterface
public interface DeadLetterSink {

  /** Sends one dead letter with the original key and value. */
  void send(String key, byte[] value, Headers headers);

  /**
   * Logs, counts (under {@code store}) and sends a record a global-store updater cannot read, with
   * the source topic, partition and offset of the record being processed.
   */
  static void deadLetter(
      DeadLetterSink sink,
      org.apache.kafka.streams.processor.api.ProcessorContext<?, ?> context,
      io.meshwarden.reconciler.ReconcilerMetrics metrics,
      String store,
      org.apache.kafka.streams.processor.api.Record<String, byte[]> record,
      String reason,
      String error) {
    var meta = context.recordMetadata().orElse(null);
    String topic = meta == null ? "" : meta.topic();
    int partition = meta == null ? -1 : meta.partition();
    long offset = meta == null ? -1 : meta.offset();
    org.slf4j.LoggerFactory.getLogger(DeadLetterSink.class)
        .warn("Dead letter from {}-{}@{} ({}): {}", topic, partition, offset, reason, error);
    metrics.deadLetter(store, reason);
    sink.send(
        record.key(), record.value(), DeadLetters.headers(reason, error, topic, partition, offset));
  }
}
