package io.meshwarden.alerting.delivery;

import static io.meshwarden.alerting.Fixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.meshwarden.alerting.Fixtures;
import io.meshwarden.alerting.grouping.Dispatch;
import io.meshwarden.alerting.grouping.GroupKey;
import io.meshwarden.alerting.grouping.Notification;
import io.meshwarden.alerting.model.Alert;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Retries, dead letters and the log context of one receiver's deliveries. */
class ReceiverChannelTest {

  static final String ROUTING =
      """
      receivers:
        - name: hook
          webhook:
            url: "http://127.0.0.1:9/hook"
            delivery:
              initial_backoff: 5ms
              max_backoff: 20ms
              jitter: 0
              max_attempts: 3
              max_concurrency: 1
      route: {receiver: hook}
      """;

  final Logger log = (Logger) LoggerFactory.getLogger(ReceiverChannel.class);
  final ListAppender<ILoggingEvent> events = new ListAppender<>();
  final List<DeadLetter> letters = new CopyOnWriteArrayList<>();
  final List<Map<String, String>> contextsSeen = new CopyOnWriteArrayList<>();

  @BeforeEach
  void capture() {
    events.start();
    log.addAppender(events);
  }

  @AfterEach
  void release() {
    log.detachAppender(events);
  }

  @Test
  void retriesAtWarnThenDeadLettersAtErrorWithTheDeliveryInTheMdc() {
    HttpTransport refusing =
        (request, timeout) -> {
          throw new IOException("connection refused");
        };
    try (DeliveryService delivery = service(refusing)) {
      delivery.submit(dispatch(finding("web-1").alert()), c -> {});
      await().atMost(Duration.ofSeconds(10)).until(() -> letters.size() == 1);
    }

    assertThat(letters.get(0).attempts()).isEqualTo(3);
    assertThat(events.list)
        .extracting(ILoggingEvent::getLevel)
        .containsExactly(Level.WARN, Level.WARN, Level.ERROR);
    assertThat(events.list)
        .allSatisfy(
            e ->
                assertThat(e.getMDCPropertyMap())
                    .containsAllEntriesOf(
                        Map.of(
                            "receiver", "hook",
                            "cluster", "prod-eu",
                            "namespace", "shop",
                            "kind", "Pod",
                            "name", "web-1",
                            "rule", "MW0101")));
  }

  @Test
  void oneDeliverysContextIsGoneBeforeTheNextOneOnTheSameThread() {
    HttpTransport recording =
        (request, timeout) -> {
          contextsSeen.add(MDC.getCopyOfContextMap());
          return new HttpTransport.Response(200, Optional.empty(), "");
        };
    try (DeliveryService delivery = service(recording)) {
      delivery.submit(dispatch(finding("web-1").alert()), c -> {});
      await().atMost(Duration.ofSeconds(10)).until(() -> delivery.inFlight() == 0);
      delivery.submit(dispatch(finding("node-1").inNamespace(null).alert()), c -> {});
      await().atMost(Duration.ofSeconds(10)).until(() -> delivery.inFlight() == 0);
    }

    assertThat(contextsSeen).hasSize(2);
    assertThat(contextsSeen.get(0))
        .containsEntry("namespace", "shop")
        .containsEntry("name", "web-1");
    assertThat(contextsSeen.get(1))
        .containsEntry("receiver", "hook")
        .containsEntry("name", "node-1")
        .doesNotContainKey("namespace");
  }

  private DeliveryService service(HttpTransport transport) {
    return new DeliveryService(
        Fixtures.routing(ROUTING),
        "https://x",
        transport,
        letters::add,
        new SimpleMeterRegistry(),
        Clock.systemUTC());
  }

  private static Dispatch dispatch(Alert alert) {
    GroupKey key = new GroupKey("hook", "0", Map.of());
    return new Dispatch(
        new Notification(
            "id-" + alert.label("name"),
            "hook",
            key.toString(),
            key.hash(),
            key.labels(),
            List.of(alert),
            Instant.now()),
        key,
        List.of());
  }
}
