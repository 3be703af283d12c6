package io.meshwarden.watcher.informers;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.meshwarden.common.logging.LogContext;
import io.meshwarden.watcher.WatcherMetrics;
import io.meshwarden.watcher.index.FactIndex;
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
 * Runs one informer per watched kind (ConfigMaps only in the control-plane namespaces), each
 * feeding a {@link FactItemStore}. Every replica runs them, leader or not, so a new leader starts
 * with warm caches. Istio CRDs that are not installed are logged once and looked for again every
 * {@code crdRecheck} until they appear.
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
    start(WatchedKind.NAMESPACE, client.namespaces(), Namespace::new);
    start(WatchedKind.POD, client.pods().inAnyNamespace(), Pod::new);
    start(WatchedKind.DEPLOYMENT, client.apps().deployments().inAnyNamespace(), Deployment::new);
    start(
        WatchedKind.STATEFUL_SET, client.apps().statefulSets().inAnyNamespace(), StatefulSet::new);
    start(WatchedKind.DAEMON_SET, client.apps().daemonSets().inAnyNamespace(), DaemonSet::new);
    start(WatchedKind.REPLICA_SET, client.apps().replicaSets().inAnyNamespace(), ReplicaSet::new);
    start(WatchedKind.JOB, client.batch().v1().jobs().inAnyNamespace(), Job::new);
    start(WatchedKind.SERVICE, client.services().inAnyNamespace(), Service::new);
    start(WatchedKind.SECRET, client.secrets().inAnyNamespace(), Secret::new);
    start(
        WatchedKind.PDB,
        client.policy().v1().podDisruptionBudget().inAnyNamespace(),
        PodDisruptionBudget::new);
    for (String ns : settings.controlPlaneNamespaces()) {
      start(WatchedKind.CONFIG_MAP, client.configMaps().inNamespace(ns), ConfigMap::new);
    }
    start(
        WatchedKind.MUTATING_WEBHOOK,
        client.admissionRegistration().v1().mutatingWebhookConfigurations(),
        MutatingWebhookConfiguration::new);
    checkIstioCrds();
    long every = settings.crdRecheck().toMillis();
    crdChecks.scheduleWithFixedDelay(this::checkIstioCrds, every, every, TimeUnit.MILLISECONDS);
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
    for (WatchedKind kind : WatchedKind.ISTIO) {
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
                .withNamespaced(true)
                .build();
        start(
            kind,
            version.get(),
            client.genericKubernetesResources(context).inAnyNamespace(),
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
      WatchedKind kind, Informable<T> source, Supplier<T> skeletons) {
    start(kind, kind.versions().get(0), source, skeletons);
  }

  private <T extends HasMetadata> void start(
      WatchedKind kind, String version, Informable<T> source, Supplier<T> skeletons) {
    String apiVersion = kind.group().isEmpty() ? version : kind.group() + "/" + version;
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
