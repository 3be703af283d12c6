package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * The simulated API server's front: answers injected API faults, then expectations (as fabric8's
 * mixed dispatcher does, so {@code /version} works), then the CRUD store; it tracks watch
 * connections so they can be dropped.
 */
final class SimDispatcher extends Dispatcher {

  /** Header the simulator's own client sends, so faults can spare its controllers. */
  static final String SIMULATOR_HEADER = "X-Meshwarden-Simulator";

  private final Map<ServerRequest, Queue<ServerResponse>> responses;
  private final MockDispatcher expectations;
  private final KubernetesCrudDispatcher store;
  private final Faults faults;
  private final WatchTracker watches;
  private final StoreWrites writes;

  SimDispatcher(
      Map<ServerRequest, Queue<ServerResponse>> responses,
      List<CustomResourceDefinitionContext> crds,
      Faults faults,
      WatchTracker watches,
      StoreWrites writes) {
    this.responses = responses;
    this.expectations = new MockDispatcher(responses);
    this.store = new IndexedCrudDispatcher(crds);
    this.faults = faults;
    this.watches = watches;
    this.writes = writes;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    RequestInfo info = RequestInfo.parse(request.getMethod(), request.getPath());
    boolean fromSimulator = request.getHeader(SIMULATOR_HEADER) != null;
    ApiFault fault = faults.apiFault(info.verb(), info.resource(), fromSimulator);
    if (fault != null) {
      return error(fault.status(), info);
    }
    String path = pathOf(request.getPath());
    if ("watch".equals(info.verb()) && !fromSimulator && faults.takeExpiredWatch(path)) {
      return expiredWatch();
    }
    Queue<ServerResponse> expected =
        responses.get(
            new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
    if (expected != null && !expected.isEmpty()) {
      return expectations.dispatch(request);
    }
    MockResponse response = store.dispatch(request);
    if (StoreWrites.isWrite(info.verb())) {
      writes.written(info.resource()); // after the store applied it: see Listings
    }
    if ("watch".equals(info.verb()) && response.getWebSocketListener() != null) {
      response.withWebSocketUpgrade(watches.track(response.getWebSocketListener(), path));
    }
    return response;
  }

  /**
   * What an API server answers a watch that resumes from a compacted resource version: the upgrade
   * succeeds, then one ERROR event carrying a 410 Status, then the stream ends. Clients (fabric8's
   * Reflector, client-go) relist on it.
   */
  private static MockResponse expiredWatch() {
    String event =
        "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
            + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource version\","
            + "\"reason\":\"Expired\",\"code\":410}}";
    return new MockResponse()
        .withWebSocketUpgrade(
            new io.fabric8.mockwebserver.http.WebSocketListener() {
              @Override
              public void onOpen(
                  io.fabric8.mockwebserver.http.WebSocket ws,
                  io.fabric8.mockwebserver.http.Response response) {
                ws.send(event);
                ws.close(1000, "expired");
              }
            });
  }

  private static String pathOf(String rawPath) {
    int q = rawPath.indexOf('?');
    return q < 0 ? rawPath : rawPath.substring(0, q);
  }

  private static MockResponse error(int status, RequestInfo info) {
    String reason =
        switch (status) {
          case 409 -> "Conflict";
          case 410 -> "Expired";
          case 429 -> "TooManyRequests";
          case 500 -> "InternalError";
          case 503 -> "ServiceUnavailable";
          default -> "Unknown";
        };
    String body =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"simulated fault on "
            + info.verb()
            + " "
            + info.resource()
            + "\",\"reason\":\""
            + reason
            + "\",\"code\":"
            + status
            + "}";
    MockResponse response = new MockResponse().setResponseCode(status).setBody(body);
    response.setHeader("Content-Type", "application/json");
    if (status == 429) {
      response.setHeader("Retry-After", "1");
    }
    return response;
  }

  @Override
  public void shutdown() {
    expectations.shutdown();
    store.shutdown();
  }

  @Override
  public void releaseResources() {
    expectations.releaseResources();
    store.releaseResources();
  }
}
