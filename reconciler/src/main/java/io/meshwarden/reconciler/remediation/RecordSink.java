package io.meshwarden.reconciler.remediation;

import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.RemediationRecord;

/**
 * Where the executor's audit records and findings go: Kafka, stdout in dry-run, a fake in tests.
 */
interface RecordSink extends AutoCloseable {

  void record(RemediationRecord record);

  void finding(Finding finding);

  /** Blocks until everything sent so far is durable; called before offsets are committed. */
  void flush();

  @Override
  void close();
}
