package io.meshwarden.executor;

import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.RemediationRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/** Passes records and findings on to another sink and keeps a copy for assertions. */
final class CapturingSink implements RecordSink {

  private final RecordSink next;
  private final List<RemediationRecord> records = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();
  private final List<String> deadLetters = new ArrayList<>();

  CapturingSink(RecordSink next) {
    this.next = next;
  }

  @Override
  public synchronized void record(RemediationRecord record) {
    records.add(record);
    next.record(record);
  }

  @Override
  public synchronized void finding(Finding finding) {
    findings.add(finding);
    next.finding(finding);
  }

  @Override
  public synchronized void deadLetter(String key, byte[] value, Headers headers) {
    deadLetters.add(key);
    next.deadLetter(key, value, headers);
  }

  /** Keys of the dead letters sent so far. */
  synchronized List<String> deadLetters() {
    return List.copyOf(deadLetters);
  }

  synchronized List<RemediationRecord> records() {
    return List.copyOf(records);
  }

  synchronized List<Finding> findings() {
    return List.copyOf(findings);
  }

  @Override
  public void flush() {
    next.flush();
  }

  @Override
  public void close() {
    next.close();
  }
}
