package io.meshwarden.sandbox;

import io.meshwarden.common.kafka.TopicScan;
import io.meshwarden.common.protocol.RemediationRecord;
import io.meshwarden.common.protocol.WireSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** The remediation audit log, read to its end: every committed record per cluster and target. */
final class RemediationsTable {

  private RemediationsTable() {}

  /** Records keyed by {@code <cluster>|<namespace>/<Kind>/<name>}, in log order. */
  static Map<String, List<RemediationRecord>> read(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    Map<String, List<RemediationRecord>> table = new HashMap<>();
    TopicScan.readAll(
        props,
        List.of(topic),
        WireSerde.remediationRecords(),
        Duration.ofMinutes(1),
        r -> {
          RemediationRecord rec = r.value();
          if (rec != null) {
            table
                .computeIfAbsent(rec.cluster() + "|" + rec.target().key(), k -> new ArrayList<>())
                .add(rec);
          }
        });
    return table;
  }
}
