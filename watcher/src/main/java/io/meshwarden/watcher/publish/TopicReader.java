package io.meshwarden.watcher.publish;

import io.meshwarden.common.kafka.TopicScan;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.watcher.WatcherMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the compacted topics from the beginning to their last stable offset ({@code
 * read_committed}) and builds the {@link PublishedView}: the table of what was published, last
 * write wins, tombstones delete. Records it cannot read count as unreadable and get overwritten.
 */
final class TopicReader {

  private final Properties baseConsumer;
  private final WatcherMetrics metrics;
  private final Duration timeout;

  TopicReader(Properties baseConsumer, WatcherMetrics metrics, Duration timeout) {
    this.baseConsumer = baseConsumer;
    this.metrics = metrics;
    this.timeout = timeout;
  }

  PublishedView read(List<String> topics) {
    WireSerde<ObjectFacts> serde = WireSerde.facts();
    PublishedView view = new PublishedView();
    TopicScan.readAll(
        baseConsumer,
        topics,
        new ByteArrayDeserializer(),
        timeout,
        r -> {
          if (r.key() == null) {
            return;
          }
          if (r.value() == null) {
            view.set(r.key(), null);
          } else if (serde.tryDecode(r.value()) instanceof WireSerde.Decoded.Ok<ObjectFacts> ok
              && ok.value() != null) {
            view.set(r.key(), FactHash.of(ok.value()));
          } else {
            metrics.unreadableRecord();
            view.set(r.key(), FactHash.UNREADABLE);
          }
        });
    return view;
  }
}
