package io.meshwarden.testkit.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A Kubernetes API for tests: the fabric8 mock API server in CRUD mode, with the Istio CRDs of
 * {@link IstioKind} registered. It keeps objects, assigns resource versions, answers list, watch,
 * JSON merge patch and JSON patch; it is not a real API server (no strategic merge patch or
 * server-side apply, no paging, and a watch replays every object as ADDED first).
 *
 * <p>As a JUnit 5 extension, one server per test class; tests take a {@link KubernetesClient} or a
 * {@code KubernetesApi} parameter, or use the field:
 *
 * <pre>{@code
 * @RegisterExtension static final KubernetesApi k8s = KubernetesApi.perClass();
 * }</pre>
 *
 * <p>Standalone (the sandbox): {@code KubernetesApi.start("127.0.0.1", 6443)} serves plain HTTP on
 * that address, for clients in other processes too; {@link #close()} stops it.
 */
public final class KubernetesApi implements BeforeAllCallback, ParameterResolver, AutoCloseable {

  /**
   * Header that {@link #newClient(String)} sends with every request, so a test can pick the
   * requests of the code under test out of {@link #takeRequests()}.
   */
  public static final String ACTOR_HEADER = "X-Meshwarden-Actor";

  private static final Namespace NAMESPACE = Namespace.create(KubernetesApi.class);

  /** Held so the level sticks: java.util.logging keeps loggers only weakly. */
  private static final Logger MOCK_SERVER_LOGGER = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_SERVER_LOGGER.setLevel(Level.WARNING);
  }

  /** Builds the server's dispatcher from its expectations and its custom resource kinds. */
  @FunctionalInterface
  public interface DispatcherFactory {
    Dispatcher create(
        Map<ServerRequest, Queue<ServerResponse>> responses,
        List<CustomResourceDefinitionContext> crds);
  }

  private final String host;
  private final int port;
  private final DispatcherFactory dispatchers;
  private volatile Running running;
  private boolean standalone;

  private KubernetesApi(String host, int port, DispatcherFactory dispatchers) {
    this.host = host;
    this.port = port;
    this.dispatchers = dispatchers;
  }

  /** An extension that starts a server on a free port of 127.0.0.1 for each test class. */
  public static KubernetesApi perClass() {
    return new KubernetesApi("127.0.0.1", 0, KubernetesMixedDispatcher::new);
  }

  /** Starts a server now, outside JUnit; port 0 picks a free one. */
  public static KubernetesApi start(String host, int port) {
    return start(host, port, KubernetesMixedDispatcher::new);
  }

  /**
   * Like {@link #start(String, int)}, with a dispatcher of the caller's (the simulated cluster
   * wraps the CRUD dispatcher to inject API faults and to track watches).
   */
  public static KubernetesApi start(String host, int port, DispatcherFactory dispatchers) {
    KubernetesApi api = new KubernetesApi(host, port, dispatchers);
    api.running = Running.start(host, port, dispatchers);
    api.standalone = true;
    return api;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    attach(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubernetesApi.class || type == KubernetesClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    attach(context);
    return parameter.getParameter().getType() == KubernetesApi.class ? this : client();
  }

  private synchronized void attach(ExtensionContext context) {
    if (standalone) {
      return;
    }
    ExtensionContext owner = context;
    while (owner.getTestMethod().isPresent() && owner.getParent().isPresent()) {
      owner = owner.getParent().get();
    }
    running =
        owner
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(this, k -> Running.start(host, port, dispatchers), Running.class);
  }

  private Running running() {
    Running current = running;
    if (current == null) {
      throw new IllegalStateException(
          "The Kubernetes API is not started: register the extension or call start()");
    }
    return current;
  }

  /** A client of this server, shared by the tests and closed with the server. */
  public KubernetesClient client() {
    return running().client;
  }

  /** A new client of this server (its own connections and watches); the caller closes it. */
  public KubernetesClient newClient() {
    return running().server.createClient();
  }

  /**
   * A new client whose requests carry {@link #ACTOR_HEADER} {@code actor}; the caller closes it.
   */
  public KubernetesClient newClient(String actor) {
    return running()
        .server
        .createClient(
            b -> b.editOrNewConfig().withCustomHeaders(Map.of(ACTOR_HEADER, actor)).endConfig());
  }

  /**
   * Every request the server received since the last call, oldest first: method, path with query,
   * headers. The mock server logs each request it receives (watch upgrades too); this drains its
   * log.
   */
  public List<RecordedRequest> takeRequests() {
    List<RecordedRequest> out = new ArrayList<>();
    try {
      for (RecordedRequest r = running().server.takeRequest(0, TimeUnit.SECONDS);
          r != null;
          r = running().server.takeRequest(0, TimeUnit.SECONDS)) {
        out.add(r);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  /** The server's URL on the address it listens on, for a client in this or another process. */
  public String url() {
    String address = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + address + ":" + port() + "/";
  }

  /** The port the server listens on. */
  public int port() {
    return running().server.getPort();
  }

  /** Stops a server from {@link #start(String, int)}; per-class servers stop themselves. */
  @Override
  public synchronized void close() {
    if (standalone && running != null) {
      running.close();
      running = null;
    }
  }

  /** A started server with its shared client; closing it closes both. */
  private record Running(KubernetesMockServer server, KubernetesClient client)
      implements AutoCloseable {

    static Running start(String host, int port, DispatcherFactory dispatchers) {
      List<CustomResourceDefinitionContext> contexts =
          Arrays.stream(IstioKind.values())
              .map(IstioKind::crd)
              .map(CustomResourceDefinitionContext::fromCrd)
              .toList();
      Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
      // The mixed dispatcher answers /version like a real server; the plain CRUD one does not.
      KubernetesMockServer server =
          new KubernetesMockServer(
              new Context(),
              new MockWebServer(),
              responses,
              dispatchers.create(responses, contexts),
              false);
      try {
        server.init(InetAddress.getByName(host), port);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("Unknown host " + host, e);
      }
      KubernetesClient client = server.createClient();
      try {
        for (IstioKind kind : IstioKind.values()) {
          client.apiextensions().v1().customResourceDefinitions().resource(kind.crd()).create();
        }
      } catch (RuntimeException e) {
        client.close();
        server.destroy();
        throw e;
      }
      return new Running(server, client);
    }

    @Override
    public void close() {
      // Server first: closing the client first races the server's shutdown and makes Netty log
      // a RejectedExecutionException for a connection closed after its event loop stopped.
      try {
        server.destroy();
      } finally {
        client.close();
      }
    }
  }
}
