package io.meshwarden.common.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code /healthz} or {@code /readyz}: 200 when every check passes, 503 naming those that fail. */
final class HealthHandler implements HttpHandler {

  private final HealthChecks checks;
  private final HealthChecks.Probe probe;

  HealthHandler(HealthChecks checks, HealthChecks.Probe probe) {
    this.checks = checks;
    this.probe = probe;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!Responses.readOnly(exchange)) {
      return;
    }
    HealthReport report = checks.run(probe);
    Responses.send(exchange, report.passed() ? 200 : 503, Responses.TEXT, report.render());
  }
}
