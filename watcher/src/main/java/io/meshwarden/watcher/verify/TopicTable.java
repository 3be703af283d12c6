package io.meshwarden.watcher.verify;

import io.meshwarden.common.kafka.TopicScan;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.WireSerde;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads compacted fact topics as a table (last value per key wins, tombstones delete), with {@code
 * read_committed}: what any downstream consumer would see.
 */
public final class TopicTable {

  private TopicTable() {}

  /**
   * Reads {@code topics} to their current end.
   *
   * @param base consumer properties (bootstrap servers, security)
   */
  public static Map<String, ObjectFacts> read(Properties base, List<String> topics) {
    Map<String, ObjectFacts> table = new HashMap<>();
    TopicScan.readAll(
        base,
        topics,
        WireSerde.facts(),
        Duration.ofMinutes(2),
        r -> {
          if (r.value() == null) {
            table.remove(r.key());
          } else {
            table.put(r.key(), r.value());
          }
        });
    return table;
  }
}
