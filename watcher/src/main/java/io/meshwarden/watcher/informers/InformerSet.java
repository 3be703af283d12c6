package io.meshwarden.watcher.informers;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meshwarden.common.logging.LogContext;
import io.meshwarden.common.projection.WatchedKind;
import io.meshwarden.watcher.WatcherMetrics;
import io.meshwarden.watcher.index.FactIndex;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one informer per row of {@link WatchedKind} (per control-plane namespace for {@link
 * WatchedKind.Scope#CONTROL_PLANE} rows), each feeding a {@link FactItemStore}. Built-in kinds are
 * read as fabric8's typed objects, Istio kinds as generic resources. Every replica runs them,
 * leader or not, so a new leader starts with warm caches. Istio CRDs that are not installed are
 * logged once and looked for again every {@code crdRecheck} until they appear.
 */
public final class InformerSet implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InformerSet.class);

  /** How the informers are set up. */
  public record Settings(
      String cluster,
      Set<String> controlPlaneNamespaces,
      Predicate<String> namespaceAllowed,
      long pageSize,
      Duration resync,
      Duration crdRecheck) {}

  private final KubernetesClient client;
  private final ObjectProjector projector;
  private final FactIndex index;
  private final WatcherMetrics metrics;
  private final Settings settings;
  private final List<SharedIndexInformer<?>> informers = new CopyOnWriteArrayList<>();
  private final Set<String> missingCrdsLogged = ConcurrentHashMap.newKeySet();
  private final Set<String> startedIstioKinds = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService crdChecks;

  public InformerSet(
      KubernetesClient client,
      ObjectProjector projector,
      FactIndex index,
      WatcherMetrics metrics,
      Settings settings) {
    this.client = client;
    this.projector = projector;
    this.index = index;
    this.metrics = metrics;
    this.settings = settings;
    this.crdChecks =
        Executors.newSingleThreadScheduledExecutor(
            LogContext.threadsWith(
                LogContext.CLUSTER,
                settings.cluster(),
                r -> {
                  Thread t = new Thread(r, "watcher-crd-check");
                  t.setDaemon(true);
                  return t;
                }));
    metrics.syncedInformers(
        () -> informers.stream().filter(SharedIndexInformer::hasSynced).count());
  }

  /** Starts every informer; returns without waiting for them to sync. */
  public void start() {
    for (WatchedKind kind : WatchedKind.all()) {
      if (!kind.istio()) {
        startBuiltIn(kind);
      }
    }
    checkIstioCrds();
    long every = settings.crdRecheck().toMillis();
    crdChecks.scheduleWithFixedDelay(this::checkIstioCrds, every, every, TimeUnit.MILLISECONDS);
  }

  /** A built-in kind, read as the typed class fabric8 registers for it. */
  private <T extends HasMetadata> void startBuiltIn(WatchedKind kind) {
    String version = kind.versions().get(0);
    Class<? extends KubernetesResource> registered =
        client
            .getKubernetesSerialization()
            .getRegisteredKubernetesResource(kind.apiVersion(version), kind.kind());
    if (registered == null || !HasMetadata.class.isAssignableFrom(registered)) {
      throw new IllegalStateException("fabric8 has no model class for " + kind.kind());
    }
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) registered;
    Supplier<T> skeletons = skeletons(type);
    MixedOperation<T, ?, ?> resources = client.resources(type);
    switch (kind.scope()) {
      case CLUSTER -> start(kind, version, resources, skeletons);
      case NAMESPACED -> start(kind, version, resources.inAnyNamespace(), skeletons);
      case CONTROL_PLANE -> {
        for (String ns : settings.controlPlaneNamespaces()) {
          start(kind, version, resources.inNamespace(ns), skeletons);
        }
      }
    }
  }

  private static <T> Supplier<T> skeletons(Class<T> type) {
    Constructor<T> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(type.getName() + " has no public no-argument constructor", e);
    }
    return () -> {
      try {
        return constructor.newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot make an empty " + type.getSimpleName(), e);
      }
    };
  }

  /** True once every started informer has completed its initial list. */
  public boolean synced() {
    return !informers.isEmpty() && informers.stream().allMatch(SharedIndexInformer::hasSynced);
  }

  /** The Istio kinds whose informers run. */
  public Set<String> istioKindsWatched() {
    return Set.copyOf(startedIstioKinds);
  }

  private void checkIstioCrds() {
    for (WatchedKind kind : WatchedKind.all()) {
      if (!kind.istio()) {
        continue;
      }
      if (startedIstioKinds.contains(kind.kind())) {
        continue;
      }
      try {
        Optional<String> version = servedVersion(kind);
        if (version.isEmpty()) {
          if (missingCrdsLogged.add(kind.kind())) {
            LOG.info(
                "CRD {} is not installed; {} resources are watched once it appears",
                kind.crdName(),
                kind.kind());
          }
          continue;
        }
        ResourceDefinitionContext context =
            new ResourceDefinitionContext.Builder()
                .withGroup(kind.group())
                .withVersion(version.get())
                .withKind(kind.kind())
                .withPlural(kind.resource())
                .withNamespaced(kind.namespaced())
                .build();
        var resources = client.genericKubernetesResources(context);
        start(
            kind,
            version.get(),
            kind.namespaced() ? resources.inAnyNamespace() : resources,
            GenericKubernetesResource::new);
        startedIstioKinds.add(kind.kind());
        LOG.info("Watching {} ({}/{})", kind.kind(), kind.group(), version.get());
      } catch (RuntimeException e) {
        LOG.warn("Could not check CRD {}: {}; trying again later", kind.crdName(), e.toString());
      }
    }
  }

  private Optional<String> servedVersion(WatchedKind kind) {
    CustomResourceDefinition crd =
        client.apiextensions().v1().customResourceDefinitions().withName(kind.crdName()).get();
    if (crd == null) {
      return Optional.empty();
    }
    Set<String> served =
        crd.getSpec().getVersions().stream()
            .filter(v -> Boolean.TRUE.equals(v.getServed()))
            .map(CustomResourceDefinitionVersion::getName)
            .collect(java.util.stream.Collectors.toSet());
    return kind.versions().stream().filter(served::contains).findFirst();
  }

  private <T extends HasMetadata> void start(
      WatchedKind kind, String version, Informable<T> source, Supplier<T> skeletons) {
    String apiVersion = kind.apiVersion(version);
    SharedIndexInformer<T> informer =
        source.withLimit(settings.pageSize()).runnableInformer(settings.resync().toMillis());
    informer.itemStore(
        new FactItemStore<>(
            settings.cluster(),
            kind.kind(),
            skeletons,
            obj -> projector.project(obj, kind.kind(), apiVersion),
            settings.namespaceAllowed(),
            index,
            metrics));
    informer.exceptionHandler(
        (isStarted, t) -> {
          try (LogContext.Scope s =
              LogContext.scope()
                  .put(LogContext.CLUSTER, settings.cluster())
                  .put(LogContext.KIND, kind.kind())) {
            LOG.warn("{} informer: {}; it retries", kind.kind(), t.toString());
          }
          return true;
        });
    informer.start();
    informers.add(informer);
  }

  @Override
  public void close() {
    crdChecks.shutdownNow();
    informers.forEach(SharedIndexInformer::stop);
  }
}
