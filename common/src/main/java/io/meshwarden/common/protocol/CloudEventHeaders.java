package io.meshwarden.common.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 attributes in Kafka binary content mode: the record value is the event data (our
 * JSON) and each attribute is a {@code ce_*} header of UTF-8 bytes.
 *
 * <p>Written by hand rather than with {@code io.cloudevents:cloudevents-kafka}: that library wants
 * to own the record value through its own serializer, while our values go through {@link WireSerde}
 * so that consumers who ignore CloudEvents read the same bytes. Seven headers do not earn a
 * dependency.
 *
 * @param id unique per event
 * @param source URI reference of the producer, e.g. {@code /meshwarden/prod-eu/reconciler}
 * @param type reverse-DNS event type, e.g. {@code io.meshwarden.finding.opened}
 * @param time when the event happened
 * @param subject what the event is about, e.g. the finding's fingerprint
 */
public record CloudEventHeaders(
    String id, String source, String type, Instant time, String subject) {

  public static final String SPEC_VERSION = "1.0";
  public static final String CONTENT_TYPE = "application/json";

  public static final String TYPE_FINDING_OPENED = "io.meshwarden.finding.opened";
  public static final String TYPE_FINDING_UPDATED = "io.meshwarden.finding.updated";
  public static final String TYPE_FINDING_RESOLVED = "io.meshwarden.finding.resolved";
  public static final String TYPE_REMEDIATION_RECORDED = "io.meshwarden.remediation.recorded";

  static final String H_SPECVERSION = "ce_specversion";
  static final String H_ID = "ce_id";
  static final String H_SOURCE = "ce_source";
  static final String H_TYPE = "ce_type";
  static final String H_TIME = "ce_time";
  static final String H_SUBJECT = "ce_subject";
  static final String H_CONTENT_TYPE = "content-type";

  public CloudEventHeaders {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
  }

  /** Writes the attributes into {@code headers}, replacing any earlier values. */
  public void writeTo(Headers headers) {
    put(headers, H_SPECVERSION, SPEC_VERSION);
    put(headers, H_ID, id);
    put(headers, H_SOURCE, source);
    put(headers, H_TYPE, type);
    if (time != null) {
      put(headers, H_TIME, DateTimeFormatter.ISO_INSTANT.format(time));
    }
    if (subject != null) {
      put(headers, H_SUBJECT, subject);
    }
    put(headers, H_CONTENT_TYPE, CONTENT_TYPE);
  }

  /**
   * Reads the attributes from {@code headers}.
   *
   * @return null when the record carries no CloudEvent (no {@code ce_specversion} or {@code ce_id})
   */
  public static CloudEventHeaders readFrom(Headers headers) {
    String spec = get(headers, H_SPECVERSION);
    String id = get(headers, H_ID);
    String source = get(headers, H_SOURCE);
    String type = get(headers, H_TYPE);
    if (spec == null || id == null || source == null || type == null) {
      return null;
    }
    String time = get(headers, H_TIME);
    return new CloudEventHeaders(
        id, source, type, time == null ? null : Instant.parse(time), get(headers, H_SUBJECT));
  }

  /** The event type for a finding in {@code state}; {@code opened} when {@code isNew}. */
  public static String findingType(Finding.State state, boolean isNew) {
    if (state == Finding.State.RESOLVED) {
      return TYPE_FINDING_RESOLVED;
    }
    return isNew ? TYPE_FINDING_OPENED : TYPE_FINDING_UPDATED;
  }

  private static void put(Headers headers, String key, String value) {
    headers.remove(key);
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String get(Headers headers, String key) {
    Header h = headers.lastHeader(key);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
