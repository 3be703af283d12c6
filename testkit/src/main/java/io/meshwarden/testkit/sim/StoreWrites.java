package io.meshwarden.testkit.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the writes (create, update, patch, delete) the API server has applied, per resource
 * plural, from any client. A count is bumped after the store applied the write, so a list taken
 * after reading count {@code n} is current for as long as the count stays {@code n}.
 */
final class StoreWrites {

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  void written(String resource) {
    counts.computeIfAbsent(resource, k -> new AtomicLong()).incrementAndGet();
  }

  long count(String resource) {
    AtomicLong count = counts.get(resource);
    return count == null ? 0 : count.get();
  }

  static boolean isWrite(String verb) {
    return switch (verb) {
      case "create", "update", "patch", "delete" -> true;
      default -> false;
    };
  }
}
