package io.meshwarden.sandbox;

import io.meshwarden.common.kafka.TopicScan;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.WireSerde;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The findings topic read as a table, as any downstream consumer would: the latest committed record
 * per fingerprint, tombstones removed, and the first time each fingerprint was seen open.
 */
final class FindingsTable {

  /** A finding's latest state and when it was first published open. */
  record Entry(Finding latest, Finding firstOpen) {}

  private FindingsTable() {}

  static Map<String, Entry> read(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    Map<String, Entry> table = new HashMap<>();
    TopicScan.readAll(
        props,
        List.of(topic),
        WireSerde.findings(),
        Duration.ofMinutes(1),
        r -> {
          Finding f = r.value();
          if (f == null) {
            table.remove(r.key());
            return;
          }
          Entry before = table.get(r.key());
          Finding firstOpen =
              before != null && before.firstOpen() != null
                  ? before.firstOpen()
                  : (f.state() == Finding.State.OPEN ? f : null);
          table.put(r.key(), new Entry(f, firstOpen));
        });
    return table;
  }
}
