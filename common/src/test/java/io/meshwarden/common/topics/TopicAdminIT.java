package io.meshwarden.common.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.testkit.kafka.KafkaCluster;
import io.meshwarden.testkit.kafka.Sharing;
import io.meshwarden.testkit.kafka.WithKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

@WithKafka(sharing = Sharing.PER_JVM)
class TopicAdminIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void createsMissingTopicsWithTheirConfigsThenFindsThemHealthy(KafkaCluster kafka) {
    TopicLayout layout = new TopicLayout(new TopicNames("create-test"), (short) 1, 3, 3);
    List<TopicSpec> specs =
        Stream.concat(layout.forCluster("prod-eu").stream(), layout.shared().stream()).toList();

    try (Admin admin = kafka.admin()) {
      TopicAdmin topics = new TopicAdmin(admin, TIMEOUT);

      TopicAdmin.Report first = topics.ensure(specs, true);
      TopicAdmin.Report second = topics.ensure(specs, true);

      assertThat(first.created())
          .containsExactlyInAnyOrderElementsOf(specs.stream().map(TopicSpec::name).toList());
      assertThat(first.healthy()).isTrue();
      assertThat(second.created()).isEmpty();
      assertThat(second.healthy()).as("drifts: %s", second.drifts()).isTrue();
    }
  }

  @Test
  void tellsAnExistingTopicsPartitionCountAndNothingForAMissingOne(KafkaCluster kafka) {
    kafka.createTopic("partitions-test.objects", 3, 1, Map.of());

    try (Admin admin = kafka.admin()) {
      TopicAdmin topics = new TopicAdmin(admin, TIMEOUT);

      assertThat(topics.partitions("partitions-test.objects")).hasValue(3);
      assertThat(topics.partitions("partitions-test.absent")).isEmpty();
    }
  }

  @Test
  void reportsMissingTopicsWithoutCreatingThemWhenCreationIsNotAllowed(KafkaCluster kafka)
      throws Exception {
    TopicLayout layout = new TopicLayout(new TopicNames("nocreate-test"), (short) 1, 3, 3);

    try (Admin admin = kafka.admin()) {
      TopicAdmin.Report report = new TopicAdmin(admin, TIMEOUT).ensure(layout.shared(), false);

      assertThat(report.missing()).hasSize(layout.shared().size());
      assertThat(report.healthy()).isFalse();
      Set<String> existing = admin.listTopics().names().get();
      assertThat(existing).noneMatch(n -> n.startsWith("nocreate-test."));
    }
  }

  @Test
  void reportsAnExistingTopicWhosePartitionsAndConfigsDifferAndLeavesItAlone(KafkaCluster kafka)
      throws Exception {
    String name = "drift-test.findings";
    kafka.createTopic(name, 2, 1, Map.of("cleanup.policy", "delete"));
    TopicSpec wanted =
        new TopicSpec(
            name, 3, (short) 1, Map.of("cleanup.policy", "compact", "min.insync.replicas", "1"));

    try (Admin admin = kafka.admin()) {
      TopicAdmin.Report report = new TopicAdmin(admin, TIMEOUT).ensure(List.of(wanted), true);

      assertThat(report.created()).isEmpty();
      assertThat(report.drifts())
          .containsExactlyInAnyOrder(
              new TopicAdmin.Drift(name, "partitions", "3", "2"),
              new TopicAdmin.Drift(name, "cleanup.policy", "compact", "delete"));
      assertThat(admin.describeTopics(List.of(name)).allTopicNames().get().get(name).partitions())
          .hasSize(2);
    }
  }
}
