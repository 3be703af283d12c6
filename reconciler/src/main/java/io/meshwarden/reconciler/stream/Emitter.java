package io.meshwarden.reconciler.stream;

import io.meshwarden.common.protocol.CloudEventHeaders;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.RemediationRequest;
import io.meshwarden.common.protocol.WireCodec;
import io.meshwarden.core.lifecycle.Emission;
import io.meshwarden.reconciler.ReconcilerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns lifecycle emissions into records for the sinks: findings keyed by fingerprint with
 * CloudEvents headers, tombstones, and remediation requests keyed by their target.
 *
 * <p>{@code ce_id} is a name-based UUID of fingerprint, type and event time, so the same event
 * produced again (a replayed transaction) carries the same id and consumers can drop it.
 */
final class Emitter {

  private final ProcessorContext<String, byte[]> context;
  private final String source;
  private final ReconcilerMetrics metrics;

  Emitter(ProcessorContext<String, byte[]> context, String cluster, ReconcilerMetrics metrics) {
    this.context = context;
    this.source = "/meshwarden/" + cluster + "/reconciler";
    this.metrics = metrics;
  }

  void emit(Emission emission, Instant now) {
    long ts = now.toEpochMilli();
    if (emission instanceof Emission.FindingEvent event) {
      Finding f = event.finding();
      Instant time = f.state() == Finding.State.RESOLVED ? f.resolvedAt() : f.lastSeen();
      Headers headers = new RecordHeaders();
      new CloudEventHeaders(
              eventId(f.fingerprint(), event.type(), time),
              source,
              event.type(),
              time,
              f.fingerprint())
          .writeTo(headers);
      context.forward(
          new Record<>(f.fingerprint(), WireCodec.encode(f), ts, headers),
          StoreNames.FINDINGS_SINK);
      metrics.emitted(
          shortType(event.type()),
          event.observedAt() == null ? null : Duration.between(event.observedAt(), now));
    } else if (emission instanceof Emission.Tombstone tomb) {
      context.forward(
          new Record<String, byte[]>(tomb.fingerprint(), null, ts, new RecordHeaders()),
          StoreNames.FINDINGS_SINK);
      metrics.emitted("tombstone", null);
    } else if (emission instanceof Emission.Request req) {
      RemediationRequest r = req.request();
      context.forward(
          new Record<>(r.target().key(), WireCodec.encode(r), ts, new RecordHeaders()),
          StoreNames.REQUESTS_SINK);
      metrics.remediationRequested(r.reasonCode());
    }
  }

  static String eventId(String fingerprint, String type, Instant time) {
    String name = fingerprint + "/" + type + "/" + (time == null ? 0 : time.toEpochMilli());
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** {@code opened}, {@code updated} or {@code resolved}. */
  private static String shortType(String type) {
    return type.substring(type.lastIndexOf('.') + 1);
  }
}
