package io.meshwarden.core.lifecycle;

import java.util.List;

/**
 * One fingerprint's step: the new store entry (null deletes it) and what to publish.
 *
 * @param key the store key of the entry
 */
public record Change(String key, Tracked next, List<Emission> emissions) {

  public Change {
    emissions = List.copyOf(emissions);
  }
}
