package io.meshwarden.reconciler.stream;

import com.fasterxml.jackson.databind.ObjectReader;
import io.meshwarden.common.protocol.MalformedRecordException;
import io.meshwarden.common.protocol.WireCodec;
import io.meshwarden.core.lifecycle.Tracked;
import java.io.IOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde of the open-set store's entries, with the wire codec's mapper. */
final class TrackedSerde implements Serde<Tracked>, Serializer<Tracked>, Deserializer<Tracked> {

  private static final ObjectReader READER = WireCodec.mapper().readerFor(Tracked.class);

  @Override
  public byte[] serialize(String topic, Tracked data) {
    return WireCodec.encode(data);
  }

  @Override
  public Tracked deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return READER.readValue(data);
    } catch (IOException e) {
      throw new MalformedRecordException("not a tracked finding: " + e.getMessage(), e);
    }
  }

  @Override
  public Serializer<Tracked> serializer() {
    return this;
  }

  @Override
  public Deserializer<Tracked> deserializer() {
    return this;
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {
    // Nothing to configure.
  }

  @Override
  public void close() {
    // Nothing to release.
  }
}
