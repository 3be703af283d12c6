package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.meshwarden.testkit.kubernetes.KubernetesApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated Kubernetes cluster with Istio: the fabric8 mock API server (CRUD mode) and, beside
 * it, controllers that act through a fabric8 client like the real ones — Deployment, ReplicaSet,
 * StatefulSet, DaemonSet, Job and PodDisruptionBudget controllers, a kubelet per node, and Istio's
 * sidecar injector on every pod the simulator creates. See testkit/README.md.
 *
 * <p>It is driven in steps: {@link #settle()} runs every controller, each a level-triggered pass
 * that lists what it owns, until none changes anything; {@link #advance(Duration)} moves the {@link
 * SimClock} one tick at a time and settles after each. Tests stay deterministic and need no sleeps.
 * {@link #runInBackground(Duration)} does the same on a thread (the sandbox).
 */
public final class SimulatedCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedCluster.class);
  private static final int MAX_ROUNDS = 200;

  private final KubernetesApi api;
  private final KubernetesClient simClient;
  private final KubernetesClient userClient;
  private final SimClock clock;
  private final EventLog events;
  private final Faults faults;
  private final WatchTracker watches;
  private final Listings listings;
  private final SidecarInjector injector;
  private final PodCreator pods;
  private final Kubelet kubelet;
  private final ControlPlane controlPlane;
  private final List<Controller> controllers;
  private final Duration tick;
  private ScheduledExecutorService background;

  private SimulatedCluster(Builder b) {
    this.clock = b.clock;
    this.tick = b.tick;
    this.events = new EventLog(clock);
    this.faults = new Faults(clock, events);
    this.watches = new WatchTracker();
    faults.attach(watches);
    StoreWrites writes = new StoreWrites();
    this.listings = new Listings(writes, faults);
    this.api =
        KubernetesApi.start(
            b.host,
            b.port,
            (responses, crds) -> new SimDispatcher(responses, crds, faults, watches, writes));
    this.simClient = client(Map.of(SimDispatcher.SIMULATOR_HEADER, "1"), 0);
    this.userClient = api.client();
    List<String> nodes = new ArrayList<>();
    for (int i = 1; i <= b.nodes; i++) {
      String node = "sim-node-" + i;
      nodes.add(node);
      simClient
          .resource(
              new NodeBuilder()
                  .withNewMetadata()
                  .withName(node)
                  .addToLabels("kubernetes.io/hostname", node)
                  .endMetadata()
                  .build())
          .create();
    }
    Names names = new Names(b.seed);
    this.injector = new SidecarInjector(simClient, faults);
    this.pods = new PodCreator(simClient, injector, clock, events, nodes);
    this.kubelet = new Kubelet(simClient, listings, clock, events);
    kubelet.settings(b.kubelet);
    this.controlPlane = new ControlPlane(simClient, events);
    this.controllers =
        List.of(
            new DeploymentController(simClient, listings, events),
            new ReplicaSetController(simClient, listings, pods, names, events),
            new StatefulSetController(simClient, listings, pods, events),
            new DaemonSetController(simClient, listings, pods, names, events, nodes),
            new JobController(simClient, listings, pods, names, clock),
            kubelet,
            new PdbController(simClient, listings));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A client for tests and the code under test (no simulator privileges, default retries). */
  public KubernetesClient client() {
    return userClient;
  }

  /**
   * A new client of the simulated API with {@code retries} request retries; the caller closes it.
   */
  public KubernetesClient newClient(int retries) {
    return client(Map.of(), retries);
  }

  /**
   * A new client (default retries) whose requests carry {@link KubernetesApi#ACTOR_HEADER} {@code
   * actor}, to find the requests of the code under test in {@link #takeRequests()}; the caller
   * closes it.
   */
  public KubernetesClient newClient(String actor) {
    return client(
        Map.of(KubernetesApi.ACTOR_HEADER, actor), Config.DEFAULT_REQUEST_RETRY_BACKOFFLIMIT);
  }

  /** Every request the API received since the last call, oldest first (the simulator's too). */
  public List<RecordedRequest> takeRequests() {
    return api.takeRequests();
  }

  /** The API server's URL, for clients in other processes. */
  public String url() {
    return api.url();
  }

  public SimClock clock() {
    return clock;
  }

  public EventLog events() {
    return events;
  }

  public Faults faults() {
    return faults;
  }

  public ControlPlane controlPlane() {
    return controlPlane;
  }

  /** Watch connections opened on the API so far, reconnections included. */
  public long watchesOpened() {
    return watches.opened();
  }

  /** Lists the controllers have taken from the API so far (the rest came from {@link Listings}). */
  long listsTaken() {
    return listings.lists();
  }

  /** Sets the kubelet's timings from now on. */
  public SimulatedCluster kubelet(KubeletSettings settings) {
    kubelet.settings(settings);
    return this;
  }

  /**
   * Makes the proxy of {@code workload}'s pods ({@code <workload>-*}) in {@code namespace}
   * misbehave.
   */
  public SimulatedCluster proxyFault(String namespace, String workload, ProxyFault fault) {
    kubelet.proxyFault(namespace, workload, fault);
    return this;
  }

  /**
   * Creates a bare pod through admission (the injector), as the API server would; null if refused.
   */
  public synchronized Pod createPod(Pod pod) {
    injector.refresh();
    return pods.create(new PodBuilder(pod).build());
  }

  /** Runs every controller until none changes anything at the current simulated time. */
  public synchronized void settle() {
    faults.expire();
    pods.releaseDue();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      injector.refresh();
      boolean changed = false;
      for (Controller controller : controllers) {
        changed |= controller.reconcile();
      }
      if (!changed) {
        return;
      }
    }
    LOG.warn("Simulated cluster not quiescent after {} rounds at {}", MAX_ROUNDS, clock.instant());
  }

  /** Moves a manual clock forward by {@code duration}, one tick at a time, settling after each. */
  public synchronized void advance(Duration duration) {
    settle();
    Duration left = duration;
    while (left.compareTo(Duration.ZERO) > 0) {
      Duration step = left.compareTo(tick) < 0 ? left : tick;
      clock.advance(step);
      left = left.minus(step);
      settle();
    }
  }

  /**
   * Advances tick by tick until {@code condition} holds or {@code limit} of simulated time has
   * passed; returns whether it holds.
   */
  public synchronized boolean runUntil(BooleanSupplier condition, Duration limit) {
    settle();
    Duration spent = Duration.ZERO;
    while (!condition.getAsBoolean()) {
      if (spent.compareTo(limit) >= 0) {
        return false;
      }
      advance(tick);
      spent = spent.plus(tick);
    }
    return true;
  }

  /** Steps the simulator on a background thread every {@code period} of real time. */
  public synchronized void runInBackground(Duration period) {
    if (background != null) {
      return;
    }
    background =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "simulated-cluster"));
    background.scheduleWithFixedDelay(
        () -> {
          try {
            if (clock.isManual()) {
              advance(period);
            } else {
              settle();
            }
          } catch (RuntimeException e) {
            LOG.warn("Simulator step failed; next step retries", e);
          }
        },
        0,
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    ScheduledExecutorService executor;
    synchronized (this) {
      executor = background;
      background = null;
    }
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    simClient.close();
    api.close();
  }

  private KubernetesClient client(Map<String, String> headers, int retries) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(api.url())
            .withTrustCerts(true)
            .withNamespace("default")
            .withHttp2Disable(true)
            .withRequestRetryBackoffLimit(retries)
            .withCustomHeaders(headers)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Options of a simulated cluster. */
  public static final class Builder {
    private SimClock clock = SimClock.manual();
    private Duration tick = Duration.ofSeconds(1);
    private int nodes = 3;
    private long seed = 42;
    private KubeletSettings kubelet = KubeletSettings.defaults();
    private String host = "127.0.0.1";
    private int port;

    public Builder clock(SimClock value) {
      clock = value;
      return this;
    }

    /** The step of {@link #advance}; 1 s by default. */
    public Builder tick(Duration value) {
      tick = value;
      return this;
    }

    public Builder nodes(int value) {
      nodes = value;
      return this;
    }

    /** Seed of generated pod names. */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder kubelet(KubeletSettings value) {
      kubelet = value;
      return this;
    }

    /** Address the API server listens on (default 127.0.0.1, a free port). */
    public Builder listen(String host, int port) {
      this.host = host;
      this.port = port;
      return this;
    }

    public SimulatedCluster start() {
      return new SimulatedCluster(this);
    }
  }
}
