package io.meshwarden.watcher.informers;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.meshwarden.common.projection.Projection;
import io.meshwarden.watcher.WatcherMetrics;
import io.meshwarden.watcher.index.FactIndex;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class FactItemStoreTest {

  final Logger log = (Logger) LoggerFactory.getLogger(FactItemStore.class);
  final ListAppender<ILoggingEvent> events = new ListAppender<>();
  final FactIndex index = new FactIndex();

  @BeforeEach
  void capture() {
    MDC.clear();
    events.start();
    log.addAppender(events);
  }

  @AfterEach
  void release() {
    log.detachAppender(events);
  }

  @Test
  void anObjectThatCannotBeProjectedIsLoggedWithItsIdentityInTheMdcAndLeavesNoContextBehind() {
    FactItemStore<Pod> store =
        new FactItemStore<>(
            "prod-eu",
            "Pod",
            Pod::new,
            pod -> new Projection.Invalid("Pod shop/web-1", "spec.containers", "not a list"),
            ns -> true,
            index,
            new WatcherMetrics(new SimpleMeterRegistry(), Clock.systemUTC()));

    store.put(
        "shop/web-1",
        new PodBuilder()
            .withNewMetadata()
            .withNamespace("shop")
            .withName("web-1")
            .withResourceVersion("7")
            .endMetadata()
            .build());

    assertThat(events.list).hasSize(1);
    assertThat(events.list.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(events.list.get(0).getMDCPropertyMap())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("cluster", "prod-eu", "namespace", "shop", "kind", "Pod", "name", "web-1"));
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    assertThat(index.size()).isZero();
  }
}
