package io.meshwarden.common.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * Encodes and decodes every wire record as JSON.
 *
 * <p>Reading is tolerant where the protocol promises it and strict where it must be: unknown fields
 * are ignored (a newer minor version adds fields), a newer major version is rejected with {@link
 * UnsupportedSchemaException}, anything else unreadable with {@link MalformedRecordException}.
 * Instances are immutable and thread-safe.
 */
public final class WireCodec {

  private static final ObjectMapper MAPPER = newMapper();

  private WireCodec() {}

  /** The mapper every meshwarden component uses for wire JSON. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        // Instants as RFC 3339 strings, readable by any consumer.
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        // Labels and other maps in key order: equal records encode to equal bytes, in every JVM.
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        // A newer minor version may add fields: ignore what we do not know.
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        // Empty maps, lists and nulls are left out to keep records small; map entries whose value
        // is an empty string stay (a label "canary: ''" is a label a selector can match).
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(
                JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_NULL))
        .build();
  }

  /** Encodes {@code value}; null stays null (a tombstone). */
  public static byte[] encode(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * Decodes {@code bytes} as a record of {@code type} whose schema must be readable as {@code
   * expectedSchema}; null bytes (a tombstone) give null.
   *
   * @throws MalformedRecordException when the bytes are not such a record
   * @throws UnsupportedSchemaException when the record has a newer major version
   */
  public static <T> T decode(byte[] bytes, Class<T> type, String expectedSchema) {
    if (bytes == null) {
      return null;
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new MalformedRecordException("not JSON: " + firstLine(e), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new MalformedRecordException("not a JSON object");
    }
    JsonNode schema = tree.get("schema");
    Schemas.requireReadable(expectedSchema, schema == null ? null : schema.asText(null));
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new MalformedRecordException(
          "not a valid " + type.getSimpleName() + ": " + firstLine(e), e);
    }
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return Schemas.shorten(nl < 0 ? m : m.substring(0, nl));
  }
}
