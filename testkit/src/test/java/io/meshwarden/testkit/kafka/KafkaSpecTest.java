package io.meshwarden.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KafkaSpecTest {

  @ParameterizedTest(name = "{0} brokers -> internal RF {1}, min ISR {2}")
  @CsvSource({"1, 1, 1", "2, 2, 1", "3, 3, 2", "5, 3, 2"})
  void sizesInternalTopicsToTheBrokers(int brokers, String rf, String minIsr) {
    Map<String, String> config =
        KafkaSpec.singleBroker().withBrokers(brokers).effectiveBrokerConfig();

    assertThat(config)
        .containsEntry("offsets.topic.replication.factor", rf)
        .containsEntry("transaction.state.log.replication.factor", rf)
        .containsEntry("transaction.state.log.min.isr", minIsr)
        .containsEntry("group.initial.rebalance.delay.ms", "0");
  }

  @Test
  void shortensBrokerSessionsOnlyWhereBrokersCanBeRestarted() {
    assertThat(KafkaSpec.singleBroker().withBrokers(3).effectiveBrokerConfig())
        .containsEntry("broker.session.timeout.ms", "3000");
    assertThat(KafkaSpec.singleBroker().effectiveBrokerConfig())
        .doesNotContainKey("broker.session.timeout.ms");
  }

  @Test
  void letsTheTestOverrideADefault() {
    Map<String, String> config =
        KafkaSpec.singleBroker()
            .withBrokerConfig("auto.create.topics.enable", "true")
            .effectiveBrokerConfig();

    assertThat(config).containsEntry("auto.create.topics.enable", "true");
    assertThat(KafkaSpec.singleBroker().effectiveBrokerConfig())
        .containsEntry("auto.create.topics.enable", "false");
  }

  @Test
  void equalShapesAreEqualSoPerJvmSharingCanFindThem() {
    KafkaSpec one = KafkaSpec.singleBroker().withBrokerConfig("a", "1").withBrokerConfig("b", "2");
    KafkaSpec other =
        KafkaSpec.singleBroker().withBrokerConfig("b", "2").withBrokerConfig("a", "1");

    assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
    assertThat(one).isNotEqualTo(one.withBrokers(3));
  }

  @Test
  void parsesAnnotationConfigsAsKeyEqualsValue() {
    KafkaSpec spec = KafkaSpec.parse(3, "log.retention.ms = 1000", "message.max.bytes=2=3");

    assertThat(spec.brokers()).isEqualTo(3);
    assertThat(spec.brokerConfig())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("log.retention.ms", "1000", "message.max.bytes", "2=3"));
  }

  @Test
  void rejectsAnAnnotationConfigWithoutAKey() {
    assertThatThrownBy(() -> KafkaSpec.parse(1, "=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key=value");
    assertThatThrownBy(() -> KafkaSpec.parse(1, "no-equals-sign"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsZeroBrokers() {
    assertThatThrownBy(() -> KafkaSpec.singleBroker().withBrokers(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("brokers");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "group.initial.rebalance.delay.ms, KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS",
    "some_key.with-dash, KAFKA_SOME__KEY_WITH___DASH",
    "num.partitions, KAFKA_NUM_PARTITIONS",
  })
  void namesContainerEnvironmentVariablesTheWayTheApacheImageReadsThem(
      String key, String expected) {
    assertThat(ContainerKafka.envName(key)).isEqualTo(expected);
  }
}
