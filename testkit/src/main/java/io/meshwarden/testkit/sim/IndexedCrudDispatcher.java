package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * fabric8's CRUD dispatcher with an index for {@link #findResource}: the stock one scans the whole
 * store on every create, update and patch, so writes slow down linearly as the store grows (the
 * scan dominated a 10,000-pod load). Behaviour is the stock dispatcher's: the index only narrows
 * the candidates, each is still checked with {@link AttributeSet#matches}, and anything it cannot
 * answer exactly (no plural or name in the query, wildcard or multi-valued attributes, more than
 * one match) goes to the stock linear scan.
 *
 * <p>The index follows the store through {@link #processEvent}, the one path by which the
 * dispatcher writes its map (creates, updates, patches, deletes), and {@link #reset}. It is checked
 * against the store's size on each lookup and rebuilt from the store if they disagree.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {

  private static final String INVALID = "\0invalid";

  private final KubernetesAttributesExtractor extractor;

  /** {@code plural/namespace/name} → store keys (more than one only across API versions). */
  private final Map<String, List<AttributeSet>> byNamespacedName = new HashMap<>();

  /** {@code plural/name} → store keys in every namespace, for queries without a namespace. */
  private final Map<String, List<AttributeSet>> byName = new HashMap<>();

  /** Store keys without a usable plural or name: always scanned. */
  private final List<AttributeSet> unindexed = new ArrayList<>();

  private int indexed;
  private long rebuilds;

  IndexedCrudDispatcher(List<CustomResourceDefinitionContext> crds) {
    super(crds);
    this.extractor = (KubernetesAttributesExtractor) getAttributeExtractor();
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    String plural = single(query, KubernetesAttributesExtractor.PLURAL);
    String name = single(query, KubernetesAttributesExtractor.NAME);
    String namespace = single(query, KubernetesAttributesExtractor.NAMESPACE);
    if (plural == null
        || name == null
        || plural == INVALID
        || name == INVALID
        || namespace == INVALID) {
      return super.findResource(query);
    }
    synchronized (this) {
      if (indexed != map.size()) {
        rebuild();
      }
      List<AttributeSet> candidates =
          namespace == null
              ? byName.getOrDefault(nameKey(plural, name), List.of())
              : byNamespacedName.getOrDefault(namespacedKey(plural, namespace, name), List.of());
      Map.Entry<AttributeSet, String> found = null;
      int matches = 0;
      for (List<AttributeSet> keys : List.of(candidates, unindexed)) {
        for (AttributeSet key : keys) {
          if (!key.matches(query)) {
            continue;
          }
          String value = map.get(key);
          if (value == null) {
            // The index lost track of the store: say so loudly in a rebuild, answer exactly.
            rebuild();
            return super.findResource(query);
          }
          matches++;
          found = new AbstractMap.SimpleImmutableEntry<>(key, value);
        }
      }
      // Several matches: the stock dispatcher answers the first in store order.
      return matches > 1 ? super.findResource(query) : found;
    }
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    GenericKubernetesResource parsed = resource;
    if (parsed == null && newState != null) {
      // Parsed once here instead of in the stock method (fromResource), which then extracts the
      // same attributes from the object.
      try {
        parsed = Serialization.unmarshal(newState, GenericKubernetesResource.class);
      } catch (RuntimeException e) {
        parsed = null;
      }
    }
    super.processEvent(path, pathAttributes, oldAttributes, parsed, newState);
    synchronized (this) {
      if (oldAttributes != null) {
        remove(oldAttributes);
      }
      if (newState != null) {
        if (parsed == null) {
          indexed = -1; // unknown key: rebuild from the store at the next lookup
          return;
        }
        AttributeSet key = extractor.extract(parsed);
        if (!key.containsKey(KubernetesAttributesExtractor.PLURAL)) {
          key = AttributeSet.merge(pathAttributes, key);
        }
        add(key);
      }
    }
  }

  @Override
  public void reset() {
    super.reset();
    synchronized (this) {
      clear();
    }
  }

  /** Times the index was rebuilt from the store (tests: it should stay in step without). */
  synchronized long rebuilds() {
    return rebuilds;
  }

  private void rebuild() {
    clear();
    rebuilds++;
    for (AttributeSet key : new ArrayList<>(map.keySet())) {
      add(key);
    }
  }

  private void clear() {
    byNamespacedName.clear();
    byName.clear();
    unindexed.clear();
    indexed = 0;
  }

  private void add(AttributeSet key) {
    if (indexed < 0) {
      return;
    }
    String plural = single(key, KubernetesAttributesExtractor.PLURAL);
    String name = single(key, KubernetesAttributesExtractor.NAME);
    String namespace = single(key, KubernetesAttributesExtractor.NAMESPACE);
    if (plural == null
        || name == null
        || plural == INVALID
        || name == INVALID
        || namespace == INVALID) {
      if (!unindexed.contains(key)) {
        unindexed.add(key);
        indexed++;
      }
      return;
    }
    List<AttributeSet> exact =
        byNamespacedName.computeIfAbsent(
            namespacedKey(plural, namespace, name), k -> new ArrayList<>(1));
    if (exact.contains(key)) {
      return; // the store replaced the value of an equal key
    }
    exact.add(key);
    byName.computeIfAbsent(nameKey(plural, name), k -> new ArrayList<>(1)).add(key);
    indexed++;
  }

  private void remove(AttributeSet key) {
    if (indexed < 0) {
      return;
    }
    if (unindexed.remove(key)) {
      indexed--;
      return;
    }
    String plural = single(key, KubernetesAttributesExtractor.PLURAL);
    String name = single(key, KubernetesAttributesExtractor.NAME);
    String namespace = single(key, KubernetesAttributesExtractor.NAMESPACE);
    if (plural == null || name == null) {
      return;
    }
    String exactKey = namespacedKey(plural, namespace, name);
    List<AttributeSet> exact = byNamespacedName.get(exactKey);
    if (exact != null && exact.remove(key)) {
      indexed--;
      if (exact.isEmpty()) {
        byNamespacedName.remove(exactKey);
      }
      String nameKey = nameKey(plural, name);
      List<AttributeSet> all = byName.get(nameKey);
      if (all != null) {
        all.remove(key);
        if (all.isEmpty()) {
          byName.remove(nameKey);
        }
      }
    }
  }

  private static String namespacedKey(String plural, String namespace, String name) {
    return plural + '/' + (namespace == null ? "" : namespace) + '/' + name;
  }

  private static String nameKey(String plural, String name) {
    return plural + '/' + name;
  }

  /**
   * The one plain value of attribute {@code key}; null when absent; {@link #INVALID} when it is not
   * a single exact value (a selector, several values, or the wildcard {@code *}).
   */
  private static String single(AttributeSet set, String key) {
    Attribute attribute = set.getAttribute(key);
    if (attribute == null) {
      return null;
    }
    if (attribute.getType() != AttributeType.WITH || attribute.getValues().size() != 1) {
      return INVALID;
    }
    String value = attribute.getValues().get(0).toString();
    return value == null || "*".equals(value) ? INVALID : value;
  }
}
