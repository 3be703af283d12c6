package io.meshwarden.reconciler.stream;

import io.meshwarden.common.protocol.WireCodec;
import io.meshwarden.reconciler.model.NamespaceDigests;
import io.meshwarden.reconciler.model.NamespaceView;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Publishes one shard's namespace digests to the digests topic, inside the task's transaction, only
 * when they changed: the last bytes sent per namespace are remembered, and after a (re)start taken
 * from the global digest store, so a resync of unchanged namespaces writes nothing. Owned by one
 * task's thread.
 */
final class DigestPublisher {

  private final ProcessorContext<String, byte[]> context;
  private final ReadOnlyKeyValueStore<String, byte[]> store;
  private final String cluster;
  private final int partition;
  private final Map<String, byte[]> sent = new HashMap<>();

  DigestPublisher(
      ProcessorContext<String, byte[]> context,
      ReadOnlyKeyValueStore<String, byte[]> store,
      String cluster,
      int partition) {
    this.context = context;
    this.store = store;
    this.cluster = cluster;
    this.partition = partition;
  }

  /** Publishes the digest of {@code view}, or a tombstone when the namespace has no facts. */
  void publish(String namespace, NamespaceView view, boolean empty, Instant now) {
    byte[] next = empty ? null : WireCodec.encode(NamespaceDigests.of(cluster, view, partition));
    byte[] previous = sent.containsKey(namespace) ? sent.get(namespace) : store.get(namespace);
    if (Arrays.equals(previous, next)) {
      sent.put(namespace, next);
      return;
    }
    context.forward(new Record<>(namespace, next, now.toEpochMilli()), StoreNames.DIGEST_SINK);
    // A tombstone is remembered too (as null), until the namespace has facts again.
    sent.put(namespace, next);
  }
}
