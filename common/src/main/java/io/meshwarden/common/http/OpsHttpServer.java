package io.meshwarden.common.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small HTTP server every role runs for operations: {@code /metrics} (Prometheus), {@code
 * /healthz} (liveness) and {@code /readyz} (readiness). It uses the JDK's {@code HttpServer} on two
 * daemon threads; anything else answers 404.
 *
 * <p>{@link #close()} is graceful: new requests get 503, requests in flight get up to the grace
 * period to finish, then the socket closes. (The JDK 17 {@code HttpServer.stop(n)} always waits the
 * full n seconds, so the server drains its own requests and then stops at once.)
 */
public final class OpsHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);
  private static final int THREADS = 2;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Duration grace;
  private final Object lock = new Object();
  private int inFlight;
  private boolean closing;

  private OpsHttpServer(HttpServer server, ExecutorService executor, Duration grace) {
    this.server = server;
    this.executor = executor;
    this.grace = grace;
  }

  /**
   * Binds and starts serving.
   *
   * @param address where to listen; port 0 picks a free port (see {@link #port()})
   * @param registry the meters to expose
   * @param checks the liveness and readiness checks
   * @param grace how long {@link #close()} lets requests in flight finish
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static OpsHttpServer start(
      InetSocketAddress address,
      PrometheusMeterRegistry registry,
      HealthChecks checks,
      Duration grace) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(checks, "checks");
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + " for /metrics: " + e, e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, threads());
    OpsHttpServer ops = new OpsHttpServer(server, executor, Objects.requireNonNull(grace));
    Map<String, HttpHandler> routes =
        Map.of(
            "/metrics", new MetricsHandler(registry),
            "/healthz", new HealthHandler(checks, HealthChecks.Probe.LIVENESS),
            "/readyz", new HealthHandler(checks, HealthChecks.Probe.READINESS));
    routes.forEach((path, handler) -> server.createContext(path, ops.guard(path, handler)));
    server.createContext("/", ops.guard(null, null));
    server.setExecutor(executor);
    server.start();
    LOG.info("Serving /metrics, /healthz and /readyz on port {}", ops.port());
    return ops;
  }

  /** Starts on all interfaces at this port with a two-second grace period. */
  public static OpsHttpServer start(
      int port, PrometheusMeterRegistry registry, HealthChecks checks) {
    return start(new InetSocketAddress(port), registry, checks, Duration.ofSeconds(2));
  }

  /** The port actually bound (useful after binding port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The address actually bound. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops taking requests, lets those in flight finish within the grace period, then stops. */
  @Override
  public void close() {
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (lock) {
      if (closing) {
        return;
      }
      closing = true;
      try {
        long left;
        while (inFlight > 0 && (left = deadline - System.nanoTime()) > 0) {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (inFlight > 0) {
        LOG.warn("Stopping the ops HTTP server with {} requests unfinished", inFlight);
      }
    }
    server.stop(0);
    executor.shutdown();
    try {
      executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("Ops HTTP server on port {} stopped", server.getAddress().getPort());
  }

  /** Exact paths only, 503 while closing, 500 on a handler failure; counts requests in flight. */
  private HttpHandler guard(String path, HttpHandler handler) {
    return exchange -> {
      try (exchange) {
        if (!enter()) {
          Responses.send(exchange, 503, Responses.TEXT, "shutting down\n");
          return;
        }
        try {
          serve(exchange, path, handler);
        } finally {
          leave();
        }
      }
    };
  }

  private static void serve(HttpExchange exchange, String path, HttpHandler handler)
      throws IOException {
    if (handler == null || !exchange.getRequestURI().getPath().equals(path)) {
      Responses.send(exchange, 404, Responses.TEXT, "not found; try /metrics, /healthz, /readyz\n");
      return;
    }
    try {
      handler.handle(exchange);
    } catch (RuntimeException e) {
      LOG.warn("Ops HTTP request {} failed", path, e);
      if (exchange.getResponseCode() == -1) {
        Responses.send(exchange, 500, Responses.TEXT, "internal error\n");
      }
    }
  }

  private boolean enter() {
    synchronized (lock) {
      if (closing) {
        return false;
      }
      inFlight++;
      return true;
    }
  }

  private void leave() {
    synchronized (lock) {
      inFlight--;
      lock.notifyAll();
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, "mw-ops-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
