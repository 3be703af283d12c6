package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** Fixture files under {@code src/test/resources/projection/} and a projector to read them. */
final class Fixtures {

  static final Instant NOW = Instant.parse("2026-11-24T14:05:30.250Z");
  static final String CLUSTER = "prod-eu";

  private static final YAMLMapper YAML = new YAMLMapper();

  private Fixtures() {}

  /**
   * The projector every test uses: cluster prod-eu, annotation key {@code team} allowed, a fixed
   * clock.
   */
  static FactProjector projector() {
    return new FactProjector(
        CLUSTER, new MeshKeys(Set.of("team")), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static Path path(String name) {
    URL url = Fixtures.class.getResource("/projection/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no fixture " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every object in a fixture file. */
  static List<JsonNode> objects(String name) {
    try {
      return KubernetesYaml.read(path(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The object of {@code kind} named {@code objectName} in a fixture file. */
  static JsonNode object(String file, String kind, String objectName) {
    return objects(file).stream()
        .filter(o -> kind.equals(o.path("kind").asText()))
        .filter(o -> objectName.equals(o.path("metadata").path("name").asText()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(kind + " " + objectName + " in " + file));
  }

  /** The only object of a fixture file. */
  static JsonNode only(String file) {
    List<JsonNode> all = objects(file);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  /** An object written inline as YAML. */
  static JsonNode yaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Projects {@code object}, which must give exactly one fact. */
  static ObjectFacts projectOne(JsonNode object) {
    Projection p = projector().project(object);
    assertThat(p).isInstanceOf(Projection.Projected.class);
    assertThat(p.facts()).hasSize(1);
    return p.facts().get(0);
  }

  /** The wire JSON of {@code value}, as a consumer of Kafka would see it. */
  static String encoded(Object value) {
    return new String(WireCodec.encode(value), StandardCharsets.UTF_8);
  }
}
