package io.meshwarden.alerting.kafka;

import io.meshwarden.common.protocol.WireFormatException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where records alerting cannot read (findings or remediation records) go instead of being lost:
 * {@code <prefix>.dlq}, the shared dead-letter topic, with the reason in headers.
 */
public interface UnreadableSink {

  /** Writes {@code record} as it was read; returns once it is durable, throws when it is not. */
  void send(ConsumerRecord<String, byte[]> record, WireFormatException error);
}
