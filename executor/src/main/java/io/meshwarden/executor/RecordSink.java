package io.meshwarden.executor;

import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.RemediationRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Where the executor's audit records and findings go: Kafka, stdout in dry-run, a fake in tests.
 */
interface RecordSink extends AutoCloseable {

  void record(RemediationRecord record);

  void finding(Finding finding);

  /**
   * Sends an unreadable request, key and value unchanged, to {@code <prefix>.dlq} with {@code
   * headers} saying why and where from; durable after the next {@link #flush()}.
   */
  void deadLetter(String key, byte[] value, Headers headers);

  /** Blocks until everything sent so far is durable; called before offsets are committed. */
  void flush();

  @Override
  void close();
}
