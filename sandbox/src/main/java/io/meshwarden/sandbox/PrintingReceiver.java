package io.meshwarden.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.meshwarden.common.protocol.WireCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's stand-in for a team's webhook endpoint: it accepts the alerting role's signed
 * webhook deliveries (Alertmanager's webhook body), prints one line per alert and counts them.
 */
final class PrintingReceiver implements AutoCloseable {

  private final HttpServer server;
  private final PrintStream out;
  private final AtomicLong firing = new AtomicLong();
  private final AtomicLong resolved = new AtomicLong();

  PrintingReceiver(PrintStream out) {
    this.out = out;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox's alert receiver", e);
    }
    server.createContext(
        "/alerts",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            print(WireCodec.mapper().readTree(body));
          } catch (IOException e) {
            out.println("  (unreadable alert delivery: " + e.getMessage() + ")");
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
  }

  long firing() {
    return firing.get();
  }

  long resolved() {
    return resolved.get();
  }

  private void print(JsonNode payload) {
    for (JsonNode alert : payload.path("alerts")) {
      JsonNode labels = alert.path("labels");
      String status = alert.path("status").asText("firing");
      (status.equals("resolved") ? resolved : firing).incrementAndGet();
      out.printf(
          "  ALERT %-8s %-7s %s %s/%s %s: %s%n",
          status,
          labels.path("alertname").asText(),
          labels.path("cluster").asText(),
          labels.path("namespace").asText(),
          labels.path("kind").asText(),
          labels.path("name").asText(),
          alert.path("annotations").path("summary").asText());
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
