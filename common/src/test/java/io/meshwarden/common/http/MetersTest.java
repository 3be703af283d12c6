package io.meshwarden.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void prefixesMeshwardenMeterNames() {
    assertThat(Meters.name("reconcile.total")).isEqualTo("meshwarden.reconcile.total");
  }

  @ParameterizedTest
  @ValueSource(strings = {"meshwarden.reconcile", "Reconcile", "reconcile..total", ""})
  void refusesNamesThatAreAlreadyPrefixedOrMalformed(String name) {
    assertThatThrownBy(() -> Meters.name(name)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bindsDescribedJvmMeters() throws Exception {
    AutoCloseable gc = Meters.bindJvm(registry);
    try {
      assertThat(registry.getMeters())
          .extracting(m -> m.getId().getName())
          .contains(
              "jvm.memory.used",
              "jvm.threads.live",
              "jvm.classes.loaded",
              "system.cpu.count",
              "process.uptime");
      assertThat(registry.getMeters())
          .allSatisfy(
              m -> assertThat(m.getId().getDescription()).as(m.getId().getName()).isNotBlank());
    } finally {
      gc.close();
    }
  }

  @Test
  void bindsKafkaClientMetersAndRemovesThemOnClose() throws Exception {
    var producer =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", "127.0.0.1:9", "client.id", "meters-test"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    try {
      AutoCloseable binding = Meters.bindKafkaClient(registry, producer);
      assertThat(kafkaMeters()).isNotZero();

      binding.close();

      assertThat(kafkaMeters()).isZero();
    } finally {
      producer.close(Duration.ZERO);
    }
  }

  @Test
  void refusesAnAdminThatIsNotAnAdminClient() {
    Admin fake =
        (Admin)
            Proxy.newProxyInstance(
                Admin.class.getClassLoader(), new Class<?>[] {Admin.class}, (p, m, a) -> null);

    assertThatThrownBy(() -> Meters.bindKafkaClient(registry, fake))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an AdminClient");
  }

  private long kafkaMeters() {
    return registry.getMeters().stream()
        .map(Meter::getId)
        .filter(id -> id.getName().startsWith("kafka.producer"))
        .count();
  }
}
