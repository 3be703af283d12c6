package io.meshwarden.reconciler.stream;

import org.apache.kafka.common.header.Headers;

/**
 * Where the global mesh updater sends records it cannot read. Shards forward theirs to a sink in
 * the topology (inside the task's transaction); the global thread has no sink and no transaction,
 * so it uses this: a plain idempotent producer in production, a list in tests.
 */
@FunctionalInterface
public interface DeadLetterSink {

  /** Sends one dead letter with the original key and value. */
  void send(String key, byte[] value, Headers headers);
}
