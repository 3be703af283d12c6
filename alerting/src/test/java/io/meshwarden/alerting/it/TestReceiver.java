package io.meshwarden.alerting.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP receiver (JDK HttpServer on loopback) that records what it is sent. */
final class TestReceiver implements AutoCloseable {

  /** One request as received. */
  record Received(String path, Map<String, String> headers, byte[] body, int answered) {
    JsonNode json() {
      try {
        return new ObjectMapper().readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final HttpServer server;
  final List<Received> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger status = new AtomicInteger(200);

  TestReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          Map<String, String> headers = new java.util.HashMap<>();
          exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
          int answer = status.get();
          requests.add(new Received(exchange.getRequestURI().getPath(), headers, body, answer));
          if (answer == 429) {
            exchange.getResponseHeaders().add("Retry-After", "0");
          }
          byte[] reply = (answer < 300 ? "ok" : "error " + answer).getBytes();
          exchange.sendResponseHeaders(answer, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Requests answered with 2xx. */
  List<Received> delivered() {
    return requests.stream().filter(r -> r.answered() < 300).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
