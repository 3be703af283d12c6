package io.meshwarden.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogContextTest {

  final Logger log = (Logger) LoggerFactory.getLogger(LogContextTest.class);
  final ListAppender<ILoggingEvent> events = new ListAppender<>();

  @BeforeEach
  void capture() {
    MDC.clear();
    events.start();
    log.addAppender(events);
  }

  @AfterEach
  void release() {
    log.detachAppender(events);
    MDC.clear();
  }

  @Test
  void anObjectScopeTagsTheLinesLoggedInsideItAndIsGoneAfter() {
    try (LogContext.Scope s = LogContext.object("shop", "Deployment", "web")) {
      log.info("inside");
    }
    log.info("after");

    assertThat(events.list.get(0).getMDCPropertyMap())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("namespace", "shop", "kind", "Deployment", "name", "web"));
    assertThat(events.list.get(1).getMDCPropertyMap()).isEmpty();
  }

  @Test
  void closingAScopeRestoresWhatAnOuterScopeSet() {
    MDC.put(LogContext.CLUSTER, "east");
    try (LogContext.Scope outer = LogContext.scope().put(LogContext.NAMESPACE, "shop")) {
      try (LogContext.Scope inner =
          LogContext.scope()
              .put(LogContext.NAMESPACE, "billing")
              .put(LogContext.RULE, "MW101")
              .put(LogContext.RULE, "MW102")) {
        log.info("inner");
      }
      log.info("outer");
    }
    log.info("process");

    assertThat(events.list.get(0).getMDCPropertyMap())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("cluster", "east", "namespace", "billing", "rule", "MW102"));
    assertThat(events.list.get(1).getMDCPropertyMap())
        .containsExactlyInAnyOrderEntriesOf(Map.of("cluster", "east", "namespace", "shop"));
    assertThat(events.list.get(2).getMDCPropertyMap())
        .containsExactlyInAnyOrderEntriesOf(Map.of("cluster", "east"));
  }

  @Test
  void aNullValueLeavesTheKeyOutForTheScope() {
    MDC.put(LogContext.NAMESPACE, "shop");
    try (LogContext.Scope s = LogContext.scope().put(LogContext.NAMESPACE, null)) {
      log.info("cluster-scoped");
    }

    assertThat(events.list.get(0).getMDCPropertyMap()).doesNotContainKey("namespace");
    assertThat(MDC.get(LogContext.NAMESPACE)).isEqualTo("shop");
  }

  @Test
  void threadsFromAWrappedFactoryStartWithTheProcessKey() throws Exception {
    ThreadFactory factory =
        LogContext.threadsWith(LogContext.CLUSTER, "east", Executors.defaultThreadFactory());
    AtomicReference<String> seen = new AtomicReference<>();
    Thread t = factory.newThread(() -> seen.set(MDC.get(LogContext.CLUSTER)));
    t.start();
    t.join();

    assertThat(seen).hasValue("east");
    assertThat(MDC.get(LogContext.CLUSTER)).isNull();
  }

  @Test
  void theJsonFormatWritesTheMdc() {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    encoder.start();
    try (LogContext.Scope s = LogContext.object("shop", "Pod", "web-1")) {
      log.info("inside");
    }

    String json = new String(encoder.encode(events.list.get(0)), StandardCharsets.UTF_8);

    assertThat(json).contains("\"namespace\":\"shop\"").contains("\"name\":\"web-1\"");
  }
}
