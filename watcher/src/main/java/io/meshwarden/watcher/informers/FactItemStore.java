package io.meshwarden.watcher.informers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.meshwarden.common.logging.LogContext;
import io.meshwarden.common.projection.Projection;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.watcher.WatcherMetrics;
import io.meshwarden.watcher.index.FactIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An informer item store that keeps facts, not objects: the watcher's transform. Each object the
 * informer puts is projected at once; the store keeps only its version and the keys of its facts
 * (the facts themselves live in the {@link FactIndex}), and hands the informer a skeleton (name,
 * namespace, resourceVersion) when it asks for the old object. A full injected pod costs about 30
 * KB in a plain informer cache and nothing beyond its facts here.
 *
 * <p>Every change the informer makes — an event, a relist after a watch gap, a deletion found by a
 * relist — passes through {@link #put} or {@link #remove}, so the index is always level with the
 * informer's view.
 */
public final class FactItemStore<T extends HasMetadata> implements ItemStore<T> {

  private static final Logger LOG = LoggerFactory.getLogger(FactItemStore.class);

  private record Entry(String namespace, String name, String resourceVersion, List<String> keys) {}

  private final String cluster;
  private final String kind;
  private final Supplier<T> skeletons;
  private final Function<T, Projection> projection;
  private final Predicate<String> namespaceAllowed;
  private final FactIndex index;
  private final WatcherMetrics metrics;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  /**
   * @param cluster the watched cluster, for the log context
   * @param kind the watched kind, a metric tag
   * @param skeletons makes an empty object of the informer's type
   * @param projection projects a full object
   * @param namespaceAllowed which namespaces' objects are published
   */
  public FactItemStore(
      String cluster,
      String kind,
      Supplier<T> skeletons,
      Function<T, Projection> projection,
      Predicate<String> namespaceAllowed,
      FactIndex index,
      WatcherMetrics metrics) {
    this.cluster = cluster;
    this.kind = kind;
    this.skeletons = skeletons;
    this.projection = projection;
    this.namespaceAllowed = namespaceAllowed;
    this.index = index;
    this.metrics = metrics;
  }

  @Override
  public String getKey(T obj) {
    return Cache.metaNamespaceKeyFunc(obj);
  }

  @Override
  public T put(String key, T obj) {
    metrics.received(kind);
    ObjectMeta meta = obj.getMetadata();
    List<String> keys = new ArrayList<>(2);
    String ns = meta.getNamespace();
    if (ns == null || namespaceAllowed.test(ns)) {
      for (ObjectFacts facts : project(obj, meta)) {
        keys.add(facts.key());
        if (index.put(facts) == FactIndex.Outcome.CHANGED) {
          metrics.changed(kind);
        } else {
          metrics.suppressed(kind);
        }
      }
    }
    Entry old =
        entries.put(
            key, new Entry(ns, meta.getName(), meta.getResourceVersion(), List.copyOf(keys)));
    if (old != null) {
      old.keys().stream().filter(k -> !keys.contains(k)).forEach(index::remove);
    }
    return skeleton(old);
  }

  private List<ObjectFacts> project(T obj, ObjectMeta meta) {
    Projection p = projection.apply(obj);
    if (p instanceof Projection.Projected projected) {
      if (projected.droppedOversizeValues() > 0) {
        metrics.oversizeValuesDropped(kind, projected.droppedOversizeValues());
      }
      return projected.facts();
    }
    if (p instanceof Projection.Invalid invalid) {
      metrics.invalid(kind);
      try (LogContext.Scope s =
          LogContext.object(meta.getNamespace(), kind, meta.getName())
              .put(LogContext.CLUSTER, cluster)) {
        LOG.warn("Cannot project {}: it is left out of Kafka", invalid.message());
      }
    }
    return List.of();
  }

  @Override
  public T remove(String key) {
    Entry old = entries.remove(key);
    if (old != null) {
      metrics.received(kind);
      old.keys().forEach(index::remove);
    }
    return skeleton(old);
  }

  @Override
  public Stream<String> keySet() {
    return entries.keySet().stream();
  }

  @Override
  public Stream<T> values() {
    return entries.values().stream().map(this::skeleton);
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public T get(String key) {
    return skeleton(entries.get(key));
  }

  /** Skeletons only: the informer must not hand these to anything that needs whole objects. */
  @Override
  public boolean isFullState() {
    return false;
  }

  private T skeleton(Entry e) {
    if (e == null) {
      return null;
    }
    T t = skeletons.get();
    ObjectMeta meta = new ObjectMeta();
    meta.setNamespace(e.namespace());
    meta.setName(e.name());
    meta.setResourceVersion(e.resourceVersion());
    t.setMetadata(meta);
    return t;
  }
}
