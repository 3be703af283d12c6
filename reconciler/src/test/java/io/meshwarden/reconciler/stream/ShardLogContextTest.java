package io.meshwarden.reconciler.stream;

import static io.meshwarden.core.fixtures.Fixtures.namespace;
import static io.meshwarden.core.fixtures.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.meshwarden.core.fixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** A shard's log lines carry the cluster and, while it works on one, the namespace. */
class ShardLogContextTest {

  private final StreamHarness h = new StreamHarness();
  private final Logger shard = (Logger) LoggerFactory.getLogger(ShardProcessor.class);
  private final Logger gate = (Logger) LoggerFactory.getLogger(ClusterGate.class);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  @BeforeEach
  void capture() {
    MDC.clear();
    events.start();
    shard.addAppender(events);
    gate.addAppender(events);
  }

  @AfterEach
  void close() {
    shard.detachAppender(events);
    gate.detachAppender(events);
    h.close();
  }

  @Test
  void recordAndTickLinesCarryTheContextOfTheirWorkAndLeaveTheThreadClean() {
    h.objects.pipeInput("shop/Pod/broken", "{not json".getBytes(StandardCharsets.UTF_8));
    h.put(
        namespace("shop", "istio-injection", "enabled"),
        pod("web-7d4b9c-a").ofDeployment("web", "7d4b9c").build());
    h.run(Duration.ofSeconds(31));

    ILoggingEvent deadLetter = event("Dead letter");
    assertThat(deadLetter.getMDCPropertyMap())
        .containsEntry("cluster", Fixtures.CLUSTER)
        .containsEntry("namespace", "shop");
    ILoggingEvent gateOpened = event("shards have published");
    assertThat(gateOpened.getMDCPropertyMap())
        .containsEntry("cluster", Fixtures.CLUSTER)
        .doesNotContainKey("namespace");
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  private ILoggingEvent event(String text) {
    return events.list.stream()
        .filter(e -> e.getFormattedMessage().contains(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no log line with '" + text + "' in " + events.list));
  }
}
