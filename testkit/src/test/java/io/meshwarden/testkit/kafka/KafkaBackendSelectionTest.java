package io.meshwarden.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.testkit.kafka.KafkaCluster.Kind;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KafkaBackendSelectionTest {

  @ParameterizedTest(name = "bootstrap={0} mode={1} brokers={2} docker={3} -> {4}")
  @CsvSource(
      nullValues = "null",
      value = {
        // default: in the JVM
        "null,        null,           1, false, IN_JVM",
        "null,        null,           3, true,  IN_JVM",
        "null,        in-jvm,         1, true,  IN_JVM",
        // an external cluster wins for one broker ...
        "kafka:9092,  null,           1, false, EXTERNAL",
        "kafka:9092,  testcontainers, 1, true,  EXTERNAL",
        // ... but not when the test needs brokers it can stop, nor when blank
        "kafka:9092,  null,           3, false, IN_JVM",
        "'  ',        null,           1, false, IN_JVM",
        // containers only when asked for, with Docker, for one broker
        "null,        testcontainers, 1, true,  TESTCONTAINERS",
        "null,        TestContainers, 1, true,  TESTCONTAINERS",
        "null,        testcontainers, 1, false, IN_JVM",
        "null,        testcontainers, 3, true,  IN_JVM",
      })
  void choosesTheKafkaFromPropertiesBrokersAndDocker(
      String bootstrap, String mode, int brokers, boolean docker, Kind expected) {
    assertThat(KafkaBackends.choose(bootstrap, mode, brokers, () -> docker)).isEqualTo(expected);
  }

  @Test
  void asksDockerOnlyWhenAContainerWasRequested() {
    BooleanSupplier mustNotBeAsked =
        () -> {
          throw new AssertionError("Docker was probed without need");
        };

    assertThat(KafkaBackends.choose(null, null, 1, mustNotBeAsked)).isEqualTo(Kind.IN_JVM);
    assertThat(KafkaBackends.choose("kafka:9092", "testcontainers", 1, mustNotBeAsked))
        .isEqualTo(Kind.EXTERNAL);
  }

  @Test
  void rejectsAnUnknownModeNamingTheProperty() {
    assertThatThrownBy(() -> KafkaBackends.choose(null, "docker", 1, () -> true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meshwarden.kafka.mode")
        .hasMessageContaining("docker");
  }
}
