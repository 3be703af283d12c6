package io.meshwarden.executor;

import io.meshwarden.common.protocol.CloudEventHeaders;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.RemediationRecord;
import io.meshwarden.common.protocol.WireSerde;
import java.time.Clock;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes audit records to {@code <prefix>.remediations} (keyed by the target) and the executor's
 * own findings to {@code <prefix>.findings} (keyed by fingerprint), each with CloudEvents headers,
 * and unreadable requests to {@code <prefix>.dlq} as they were read. An idempotent producer without
 * transactions: a record written twice after a failover is an honest audit entry, not a duplicate
 * action.
 */
final class KafkaRecordSink implements RecordSink {

  private final KafkaProducer<String, byte[]> producer;
  private final WireSerde<RemediationRecord> recordSerde = WireSerde.remediationRecords();
  private final WireSerde<Finding> findingSerde = WireSerde.findings();
  private final RemediationConfig config;
  private final Clock clock;
  private final String source;

  KafkaRecordSink(RemediationConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.source = "/meshwarden/" + config.cluster() + "/reconciler";
    this.producer =
        new KafkaProducer<>(
            config.kafka().producerProps("meshwarden-remediation-" + config.actor(), null),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  @Override
  public void record(RemediationRecord record) {
    ProducerRecord<String, byte[]> r =
        new ProducerRecord<>(
            config.topics().remediations(),
            record.target().key(),
            recordSerde.serialize(null, record));
    new CloudEventHeaders(
            UUID.randomUUID().toString(),
            source,
            CloudEventHeaders.TYPE_REMEDIATION_RECORDED,
            clock.instant(),
            record.target().key())
        .writeTo(r.headers());
    producer.send(r);
  }

  @Override
  public void finding(Finding finding) {
    ProducerRecord<String, byte[]> r =
        new ProducerRecord<>(
            config.topics().findings(),
            finding.fingerprint(),
            findingSerde.serialize(null, finding));
    new CloudEventHeaders(
            UUID.randomUUID().toString(),
            source,
            CloudEventHeaders.findingType(finding.state(), true),
            clock.instant(),
            finding.fingerprint())
        .writeTo(r.headers());
    producer.send(r);
  }

  @Override
  public void deadLetter(String key, byte[] value, Headers headers) {
    producer.send(new ProducerRecord<>(config.topics().deadLetter(), null, key, value, headers));
  }

  @Override
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
