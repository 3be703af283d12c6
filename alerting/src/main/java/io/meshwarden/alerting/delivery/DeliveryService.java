package io.meshwarden.alerting.delivery;

import io.meshwarden.alerting.config.ReceiverConfig;
import io.meshwarden.alerting.config.RoutingConfig;
import io.meshwarden.alerting.grouping.Dispatch;
import io.meshwarden.alerting.receiver.Notifier;
import io.meshwarden.alerting.receiver.Notifiers;
import io.meshwarden.common.http.Meters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** One {@link ReceiverChannel} per receiver, sharing a scheduler for retries. */
public final class DeliveryService implements AutoCloseable {

  private final Map<String, ReceiverChannel> channels = new LinkedHashMap<>();
  private final ScheduledExecutorService scheduler;
  private final AtomicInteger inFlight = new AtomicInteger();

  public DeliveryService(
      RoutingConfig config,
      String externalUrl,
      HttpTransport transport,
      DeadLetterSink deadLetters,
      MeterRegistry registry,
      Clock clock) {
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "alerting-retry-scheduler");
              t.setDaemon(true);
              return t;
            });
    ReceiverChannel.Wiring wiring =
        new ReceiverChannel.Wiring(transport, deadLetters, scheduler, clock);
    Map<String, Notifier> notifiers = Notifiers.of(config, externalUrl);
    for (ReceiverConfig r : config.receiverList()) {
      ReceiverChannel channel =
          new ReceiverChannel(
              r.name(),
              notifiers.get(r.name()),
              r.delivery(),
              wiring,
              new DeliveryMetrics(registry, r.name(), r.type()));
      channels.put(r.name(), channel);
      // The channels live as long as the service, so the gauge's weak reference is enough.
      Gauge.builder(
              Meters.name("alerting.receiver.breakers.open"),
              channel,
              ReceiverChannel::breakersNotClosed)
          .description("Targets of the receiver whose circuit breaker is open or half-open")
          .tags("receiver", r.name(), "type", r.type())
          .register(registry);
    }
  }

  /** Delivers a dispatch to its receiver; {@code done} runs on a delivery thread. */
  public void submit(Dispatch dispatch, Consumer<ReceiverChannel.Completion> done) {
    ReceiverChannel channel = channels.get(dispatch.notification().receiver());
    inFlight.incrementAndGet();
    channel.submit(
        dispatch,
        c -> {
          inFlight.decrementAndGet();
          done.accept(c);
        });
  }

  /** Dispatches not yet delivered or dead-lettered. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Stops every channel at once (in-flight attempts are interrupted). */
  @Override
  public void close() {
    scheduler.shutdownNow();
    channels.values().forEach(ReceiverChannel::close);
  }
}
