package io.meshwarden.alerting.delivery;

import static io.meshwarden.alerting.Fixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.alerting.Fixtures;
import io.meshwarden.alerting.grouping.Dispatch;
import io.meshwarden.alerting.grouping.GroupKey;
import io.meshwarden.alerting.grouping.Notification;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code meshwarden_alerting_receiver_breakers_open}: per receiver, follows its breakers. */
class BreakerGaugeTest {

  @Test
  void theGaugeCountsAReceiversOpenBreakerAndDropsBackWhenItCloses() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    AtomicInteger calls = new AtomicInteger();
    HttpTransport transport =
        (request, timeout) -> {
          calls.incrementAndGet();
          if (down.get()) {
            throw new IOException("connection refused");
          }
          return new HttpTransport.Response(200, Optional.empty(), "");
        };
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (DeliveryService delivery =
        new DeliveryService(
            Fixtures.routing(
                """
                defaults: {initial_backoff: 5ms, max_backoff: 20ms, jitter: 0}
                receivers:
                  - name: hook
                    webhook:
                      url: "http://127.0.0.1:9/hook"
                      delivery: {breaker_threshold: 2, breaker_open_for: 300ms}
                  - {name: quiet, webhook: {url: "http://127.0.0.1:9/quiet"}}
                route: {receiver: hook}
                """),
            "https://x",
            transport,
            l -> {},
            registry,
            Clock.systemUTC())) {
      assertThat(breakers(registry, "hook")).isZero();
      assertThat(breakers(registry, "quiet")).isZero();

      delivery.submit(dispatch("hook"), c -> {});
      await().atMost(Duration.ofSeconds(10)).until(() -> breakers(registry, "hook") == 1.0);
      assertThat(breakers(registry, "quiet")).isZero();

      down.set(false);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(delivery.inFlight()).isZero();
                assertThat(breakers(registry, "hook")).isZero();
              });
      assertThat(calls.get()).isGreaterThanOrEqualTo(3);
    }
  }

  private static double breakers(SimpleMeterRegistry registry, String receiver) {
    Gauge gauge =
        registry
            .get("meshwarden.alerting.receiver.breakers.open")
            .tags("receiver", receiver, "type", "webhook")
            .gauge();
    return gauge.value();
  }

  private static Dispatch dispatch(String receiver) {
    GroupKey key = new GroupKey(receiver, "0", Map.of("namespace", "shop"));
    return new Dispatch(
        new Notification(
            "id-" + receiver,
            receiver,
            key.toString(),
            key.hash(),
            key.labels(),
            List.of(finding("web-1").alert()),
            Instant.now()),
        key,
        List.of());
  }
}
