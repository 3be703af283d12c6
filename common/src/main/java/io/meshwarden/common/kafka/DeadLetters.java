package io.meshwarden.common.kafka;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The header names of every dead-letter record meshwarden writes, defined here once for all roles.
 * The headers say why the record was given up and who gave it up, so it can be inspected and
 * replayed: {@link #REQUIRED} on every dead letter; {@link #SOURCE} as well on a record some role
 * read and could not use (written to {@code <prefix>.dlq} with its original key and value); {@link
 * #RECEIVER} as well on a notification alerting could not deliver ({@code <prefix>.alerts.dlq}).
 */
public final class DeadLetters {

  /**
   * Why: {@code MALFORMED}, {@code UNSUPPORTED_SCHEMA} or {@code MALFORMED_KEY} for a record that
   * was read, {@link #UNDELIVERABLE} for a notification.
   */
  public static final String REASON = "mw.error.reason";

  /** The error message. */
  public static final String ERROR = "mw.error.message";

  /** The topic the record was read from. */
  public static final String TOPIC = "mw.source.topic";

  /** Its partition, in decimal. */
  public static final String PARTITION = "mw.source.partition";

  /** Its offset, in decimal. */
  public static final String OFFSET = "mw.source.offset";

  /**
   * The role that gave the record up: {@code reconciler}, {@code remediation} (the executor) or
   * {@code alerting}.
   */
  public static final String ROLE = "mw.source.role";

  /** The alerting receiver a notification could not be delivered to. */
  public static final String RECEIVER = "mw_receiver";

  /** Headers every dead letter carries. */
  public static final List<String> REQUIRED = List.of(REASON, ERROR, ROLE);

  /** Headers a dead letter of a record that was read carries besides {@link #REQUIRED}. */
  public static final List<String> SOURCE = List.of(TOPIC, PARTITION, OFFSET);

  /** Reason: a notification every attempt to deliver failed. */
  public static final String UNDELIVERABLE = "UNDELIVERABLE";

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
    Headers h = headers(reason, error, role);
    put(h, TOPIC, topic);
    put(h, PARTITION, Integer.toString(partition));
    put(h, OFFSET, Long.toString(offset));
    return h;
  }

  /** The headers for something {@code role} gave up that was not a record it read. */
  public static Headers headers(String reason, String error, String role) {
    Headers h = new RecordHeaders();
    put(h, REASON, reason);
    put(h, ERROR, error == null ? "" : error);
    put(h, ROLE, role);
    return h;
  }

  /** The {@link #REQUIRED} headers {@code headers} lacks, in that order; empty when none. */
  public static List<String> missing(Headers headers) {
    return REQUIRED.stream().filter(k -> headers.lastHeader(k) == null).toList();
  }

  private static void put(Headers h, String key, String value) {
    h.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
