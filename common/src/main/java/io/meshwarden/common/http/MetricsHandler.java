package io.meshwarden.common.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.Locale;

/**
 * {@code /metrics}: the registry in Prometheus text format 0.0.4, or in OpenMetrics when the
 * scraper's {@code Accept} header asks for {@code application/openmetrics-text}.
 */
final class MetricsHandler implements HttpHandler {

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  MetricsHandler(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!Responses.readOnly(exchange)) {
      return;
    }
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    boolean openMetrics =
        accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text");
    String contentType = openMetrics ? OPENMETRICS : PROMETHEUS_TEXT;
    Responses.send(exchange, 200, contentType, registry.scrape(contentType));
  }
}
