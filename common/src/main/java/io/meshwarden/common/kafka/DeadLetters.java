package io.meshwarden.common.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers of a dead-letter record: the original key and value are kept as they were, and these
 * headers say why and where from, so the record can be inspected and replayed.
 */
public final class DeadLetters {

  /** {@code MALFORMED}, {@code UNSUPPORTED_SCHEMA} or {@code MALFORMED_KEY}. */
  public static final String REASON = "mw.error.reason";

  /** The error message. */
  public static final String ERROR = "mw.error.message";

  /** The topic the record was read from. */
  public static final String TOPIC = "mw.source.topic";

  /** Its partition, in decimal. */
  public static final String PARTITION = "mw.source.partition";

  /** Its offset, in decimal. */
  public static final String OFFSET = "mw.source.offset";

  /** The role that could not read it: {@code reconciler}, or {@code remediation} (the executor). */
  public static final String ROLE = "mw.source.role";

  private DeadLetters() {}

  /** The headers for a record of {@code topic}/{@code partition}@{@code offset} the stream read. */
  public static Headers headers(
      String reason, String error, String topic, int partition, long offset) {
    return headers(reason, error, topic, partition, offset, "reconciler");
  }

  /**
   * The headers for a record of {@code topic}/{@code partition}@{@code offset} {@code role} read.
   */
  public static Headers headers(
      String reason, String error, String topic, int partition, long offset, String role) {
    Headers h = new RecordHeaders();
    put(h, REASON, reason);
    put(h, ERROR, error == null ? "" : error);
    put(h, TOPIC, topic);
    put(h, PARTITION, Integer.toString(partition));
    put(h, OFFSET, Long.toString(offset));
    put(h, ROLE, role);
    return h;
  }

  private static void put(Headers h, String key, String value) {
    h.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
