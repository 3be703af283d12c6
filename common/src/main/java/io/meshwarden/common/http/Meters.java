package io.meshwarden.common.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Meter naming and binders. meshwarden's own meters are named {@code meshwarden.<area>.<what>} with
 * {@link #name(String)}, which Prometheus shows as {@code meshwarden_<area>_<what>} (plus {@code
 * _total}, {@code _seconds} and so on); give each a description. JVM and Kafka client meters keep
 * their usual names ({@code jvm_*}, {@code process_*}, {@code kafka_*}) so stock dashboards work.
 */
public final class Meters {

  /** The prefix of every meshwarden meter, in Micrometer's dotted form. */
  public static final String PREFIX = "meshwarden.";

  private static final Pattern SUFFIX = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  private Meters() {}

  /** {@code meshwarden.} and the given dotted lower-case name, such as {@code reconcile.total}. */
  public static String name(String suffix) {
    if (suffix == null || !SUFFIX.matcher(suffix).matches() || suffix.startsWith("meshwarden.")) {
      throw new IllegalArgumentException(
          "meter name '" + suffix + "' must be dotted lower-case words without the prefix");
    }
    return PREFIX + suffix;
  }

  /**
   * Binds JVM memory, garbage collection, threads, class loading, processor and uptime meters.
   *
   * @return closes the garbage-collection listener; call it when the registry is closed
   */
  public static AutoCloseable bindJvm(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return gc;
  }

  /**
   * Binds a producer's client metrics (tagged with its {@code client.id}).
   *
   * @return unbinds them; call it before closing the producer
   */
  public static AutoCloseable bindKafkaClient(MeterRegistry registry, Producer<?, ?> producer) {
    return bind(registry, new KafkaClientMetrics(producer));
  }

  /**
   * Binds a consumer's client metrics, including its lag.
   *
   * @return unbinds them; call it before closing the consumer
   */
  public static AutoCloseable bindKafkaClient(MeterRegistry registry, Consumer<?, ?> consumer) {
    return bind(registry, new KafkaClientMetrics(consumer));
  }

  /**
   * Binds an admin client's metrics. The admin must come from {@code Admin.create}, which returns
   * an {@link AdminClient}.
   *
   * @return unbinds them; call it before closing the admin client
   */
  public static AutoCloseable bindKafkaClient(MeterRegistry registry, Admin admin) {
    if (!(admin instanceof AdminClient client)) {
      throw new IllegalArgumentException(
          "cannot bind metrics of " + admin.getClass().getName() + ": not an AdminClient");
    }
    return bind(registry, new KafkaClientMetrics(client));
  }

  private static AutoCloseable bind(MeterRegistry registry, KafkaClientMetrics metrics) {
    metrics.bindTo(registry);
    return metrics;
  }
}
