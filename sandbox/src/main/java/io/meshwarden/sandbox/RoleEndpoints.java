package io.meshwarden.sandbox;

import io.meshwarden.common.http.HealthChecks;
import io.meshwarden.common.http.OpsHttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Gives every role instance of the sandbox its own meters and its own {@code /metrics} endpoint, as
 * each would be its own process with its own port in production.
 */
final class RoleEndpoints implements AutoCloseable {

  private final Map<String, String> urls = new ConcurrentSkipListMap<>();
  private final List<OpsHttpServer> servers = new CopyOnWriteArrayList<>();

  /** A fresh registry for {@code instance}, scraped at a port of its own. */
  PrometheusMeterRegistry registry(String instance) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    OpsHttpServer server =
        OpsHttpServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            registry,
            new HealthChecks(),
            Duration.ofMillis(200));
    servers.add(server);
    urls.put(instance, "http://127.0.0.1:" + server.port() + "/metrics");
    return registry;
  }

  /** Instance name to its {@code /metrics} URL, in name order. */
  Map<String, String> urls() {
    return urls;
  }

  @Override
  public void close() {
    servers.forEach(OpsHttpServer::close);
  }
}
