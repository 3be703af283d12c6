package io.meshwarden.reconciler.stream;

import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.core.lifecycle.LifecycleSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * What the topology needs to know.
 *
 * @param cluster the cluster this application reconciles
 * @param names topic names
 * @param lifecycle hold, per-rule holds and retention
 * @param debounce how long a changed scope waits for more changes before it is evaluated
 * @param tick how often each shard looks at the clock (debounced scopes, holds, retention, mesh)
 * @param resync how often each shard re-evaluates everything it holds regardless of changes
 */
public record StreamSettings(
    String cluster,
    TopicNames names,
    LifecycleSettings lifecycle,
    Duration debounce,
    Duration tick,
    Duration resync) {

  public StreamSettings {
    TopicNames.requireClusterName(cluster);
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(lifecycle, "lifecycle");
    if (tick.isZero() || tick.isNegative()) {
      throw new IllegalArgumentException("tick must be positive");
    }
  }
}
