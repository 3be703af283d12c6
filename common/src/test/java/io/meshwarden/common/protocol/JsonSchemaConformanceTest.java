package io.meshwarden.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON we produce validates against the JSON Schema we publish, and the schema has teeth. */
class JsonSchemaConformanceTest {

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          b ->
              b.schemaMappers(
                  m -> m.mapPrefix("https://meshwarden.io/schemas/", "classpath:schemas/")));

  static JsonSchema schema(String file) {
    return FACTORY.getSchema(SchemaLocation.of("https://meshwarden.io/schemas/" + file));
  }

  static Stream<Arguments> everyRecord() {
    Stream<Arguments> facts =
        SampleRecords.everyFactKind().stream()
            .map(f -> Arguments.of(f.kind().name(), "facts.schema.json", f));
    return Stream.concat(
        facts,
        Stream.of(
            Arguments.of(
                "Finding OPEN", "finding.schema.json", SampleRecords.finding(Finding.State.OPEN)),
            Arguments.of(
                "Finding RESOLVED",
                "finding.schema.json",
                SampleRecords.finding(Finding.State.RESOLVED)),
            Arguments.of(
                "RemediationRequest", "remediation-request.schema.json", SampleRecords.request()),
            Arguments.of(
                "RemediationRecord", "remediation-record.schema.json", SampleRecords.record())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRecord")
  void producedJsonValidatesAgainstThePublishedSchema(String name, String file, Object record)
      throws Exception {
    JsonNode json = WireCodec.mapper().readTree(WireCodec.encode(record));

    Set<ValidationMessage> errors = schema(file).validate(json);

    assertThat(errors).isEmpty();
  }

  @Test
  void schemaRejectsAFindingWithoutACode() throws Exception {
    ObjectNode json = tree(SampleRecords.finding(Finding.State.OPEN));
    json.remove("code");

    assertThat(schema("finding.schema.json").validate(json)).isNotEmpty();
  }

  @Test
  void schemaRejectsAFindingWhoseSubjectHasNoName() throws Exception {
    ObjectNode json = tree(SampleRecords.finding(Finding.State.OPEN));
    ((ObjectNode) json.get("subject")).remove("name");

    assertThat(schema("finding.schema.json").validate(json)).isNotEmpty();
  }

  @Test
  void schemaRejectsAFactWhoseObservedAtIsNotATimestamp() throws Exception {
    ObjectNode json = tree(SampleRecords.everyFactKind().get(0));
    ((ObjectNode) json.get("meta")).put("observedAt", "yesterday");

    assertThat(schema("facts.schema.json").validate(json)).isNotEmpty();
  }

  @Test
  void schemaRejectsAResolvedFindingWithoutResolvedAt() throws Exception {
    ObjectNode json = tree(SampleRecords.finding(Finding.State.RESOLVED));
    json.remove("resolvedAt");

    assertThat(schema("finding.schema.json").validate(json)).isNotEmpty();
  }

  @Test
  void schemaRejectsSecretFactsThatCarryData() throws Exception {
    ObjectFacts secret =
        SampleRecords.everyFactKind().stream()
            .filter(f -> f.kind() == FactKind.Secret)
            .findFirst()
            .orElseThrow();
    ObjectNode json = tree(secret);
    json.putObject("data").put("tls.key", "c2VjcmV0");

    assertThat(schema("facts.schema.json").validate(json)).isNotEmpty();
  }

  @Test
  void schemaRejectsAPeerAuthenticationWithoutAModeOrWithANonStringPortMode() throws Exception {
    ObjectFacts pa =
        SampleRecords.everyFactKind().stream()
            .filter(f -> f.kind() == FactKind.PeerAuthentication)
            .findFirst()
            .orElseThrow();
    ObjectNode withoutMode = tree(pa);
    withoutMode.remove("mode");
    ObjectNode nestedPortMode = tree(pa);
    nestedPortMode.putObject("portLevelMtls").putObject("8080").put("mode", "STRICT");

    assertThat(schema("facts.schema.json").validate(tree(pa))).isEmpty();
    assertThat(schema("facts.schema.json").validate(withoutMode)).isNotEmpty();
    assertThat(schema("facts.schema.json").validate(nestedPortMode)).isNotEmpty();
  }

  @Test
  void schemaRejectsContainerEnvironmentValues() throws Exception {
    ObjectNode json = tree(SampleRecords.everyFactKind().get(1));
    ((ObjectNode) json.get("spec").get("containers").get(0))
        .putArray("env")
        .addObject()
        .put("name", "DB_PASSWORD")
        .put("value", "hunter2");

    assertThat(schema("facts.schema.json").validate(json)).isNotEmpty();
  }

  @Test
  void schemaAcceptsUnknownFieldsOfANewerMinorVersion() throws Exception {
    ObjectNode json = tree(SampleRecords.finding(Finding.State.OPEN));
    json.put("schema", "meshwarden.io/finding/v1.3").put("priorityScore", 7);

    assertThat(schema("finding.schema.json").validate(json)).isEmpty();
  }

  private static ObjectNode tree(Object record) throws Exception {
    return (ObjectNode) WireCodec.mapper().readTree(WireCodec.encode(record));
  }
}
