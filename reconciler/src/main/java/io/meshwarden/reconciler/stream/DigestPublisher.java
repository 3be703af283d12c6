package io.meshwarden.reconciler.stream;

import io.meshwarden.common.protocol.WireCodec;
import io.meshwarden.core.model.NamespaceDigests;
import io.meshwarden.core.model.NamespaceView;
import io.meshwarden.reconciler.ReconcilerMetrics;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one shard's namespace digests to the digests topic, inside the task's transaction. The
 * first digest of each namespace after the task (re)started is always sent: the global store may
 * lag behind what another instance wrote, so it is not trusted to say what is on the topic. After
 * that a digest is sent only when its bytes changed. A tombstone forgets the namespace, so the
 * memory is bounded by the namespaces the shard holds. A digest larger than {@link #MAX_BYTES} is
 * not sent (it would fail the transaction and kill the stream thread on every instance that takes
 * the task): the topic keeps the namespace's previous digest. Owned by one task's thread.
 */
final class DigestPublisher {

  /**
   * Largest encoded digest sent: safely below the 1 MiB default of the producer's {@code
   * max.request.size} and the topic's {@code max.message.bytes}, leaving room for key and headers.
   */
  static final int MAX_BYTES = 900_000;

  private static final Logger LOG = LoggerFactory.getLogger(DigestPublisher.class);

  private final ProcessorContext<String, byte[]> context;
  private final String cluster;
  private final int partition;
  private final ReconcilerMetrics metrics;
  private final Map<String, byte[]> sent = new HashMap<>();
  private final Set<String> oversized = new HashSet<>();

  DigestPublisher(
      ProcessorContext<String, byte[]> context,
      String cluster,
      int partition,
      ReconcilerMetrics metrics) {
    this.context = context;
    this.cluster = cluster;
    this.partition = partition;
    this.metrics = metrics;
  }

  /** Publishes the digest of {@code view}, or a tombstone when the namespace has no facts. */
  void publish(String namespace, NamespaceView view, boolean empty, Instant now) {
    byte[] next = empty ? null : WireCodec.encode(NamespaceDigests.of(cluster, view, partition));
    if (sent.containsKey(namespace) && Arrays.equals(sent.get(namespace), next)) {
      return;
    }
    if (next != null && next.length > MAX_BYTES) {
      withhold(namespace, next.length);
      return;
    }
    if (oversized.remove(namespace) && next != null) {
      LOG.info(
          "Digest of namespace {} fits again ({} bytes); publishing it", namespace, next.length);
    }
    context.forward(new Record<>(namespace, next, now.toEpochMilli()), StoreNames.DIGEST_SINK);
    if (next == null) {
      sent.remove(namespace);
    } else {
      sent.put(namespace, next);
    }
  }

  /** Writes this shard's readiness marker (see {@link SyncMarkers}). */
  void markSynced(Instant now) {
    context.forward(
        new Record<>(SyncMarkers.key(partition), SyncMarkers.value(now), now.toEpochMilli()),
        StoreNames.DIGEST_SINK);
  }

  private void withhold(String namespace, int bytes) {
    metrics.digestOversized();
    if (oversized.add(namespace)) {
      LOG.warn(
          "Digest of namespace {} is {} bytes, over the {} byte limit: not published; cluster"
              + " rules keep seeing its previous digest",
          namespace,
          bytes,
          MAX_BYTES);
    }
  }
}
