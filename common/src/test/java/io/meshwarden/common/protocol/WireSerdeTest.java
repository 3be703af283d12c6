package io.meshwarden.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireSerdeTest {

  private static final WireSerde<ObjectFacts> FACTS = WireSerde.facts();

  static Stream<Arguments> everyRecord() {
    Stream<Arguments> facts =
        SampleRecords.everyFactKind().stream()
            .map(f -> Arguments.of(f.kind().name(), WireSerde.facts(), f));
    Stream<Arguments> others =
        Stream.of(
            Arguments.of(
                "Finding OPEN", WireSerde.findings(), SampleRecords.finding(Finding.State.OPEN)),
            Arguments.of(
                "Finding RESOLVED",
                WireSerde.findings(),
                SampleRecords.finding(Finding.State.RESOLVED)),
            Arguments.of(
                "RemediationRequest", WireSerde.remediationRequests(), SampleRecords.request()),
            Arguments.of(
                "RemediationRecord", WireSerde.remediationRecords(), SampleRecords.record()));
    return Stream.concat(facts, others);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRecord")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void everyRecordTypeRoundTripsThroughTheKafkaSerde(String name, WireSerde serde, Object record) {
    byte[] bytes = serde.serializer().serialize("mw.prod-eu.objects", record);

    Object back = serde.deserializer().deserialize("mw.prod-eu.objects", bytes);

    assertThat(back).isEqualTo(record);
  }

  @Test
  void everyFactKindHasASample() {
    assertThat(SampleRecords.everyFactKind().stream().map(ObjectFacts::kind).distinct())
        .containsExactlyInAnyOrder(FactKind.values());
  }

  @Test
  void tombstonesPassThroughAsNull() {
    assertThat(FACTS.serialize("t", null)).isNull();
    assertThat(FACTS.deserialize("t", null)).isNull();
  }

  @Test
  void readsARecordOfANewerMinorVersionWithFieldsItDoesNotKnow() throws Exception {
    PodFacts pod = (PodFacts) SampleRecords.everyFactKind().get(1);
    ObjectNode tree = (ObjectNode) WireCodec.mapper().readTree(FACTS.serialize("t", pod));
    tree.put("schema", "meshwarden.io/facts/v1.7");
    tree.putObject("topologySpread").put("zone", "eu-1a");
    ((ObjectNode) tree.get("meta")).put("shard", 4);
    ((ObjectNode) tree.get("spec").get("containers").get(0)).put("resizePolicy", "NotRequired");

    ObjectFacts back = FACTS.deserialize("t", WireCodec.mapper().writeValueAsBytes(tree));

    assertThat(back).isInstanceOf(PodFacts.class);
    assertThat(back.meta().name()).isEqualTo(pod.meta().name());
    assertThat(((PodFacts) back).spec()).isEqualTo(pod.spec());
  }

  @Test
  void readsAServicePortWrittenBeforeProtocolDefaultedAsAWrittenProtocol() throws Exception {
    ServiceFacts web =
        (ServiceFacts)
            SampleRecords.everyFactKind().stream()
                .filter(f -> f.kind() == FactKind.Service)
                .findFirst()
                .orElseThrow();
    ObjectNode tree = (ObjectNode) WireCodec.mapper().readTree(FACTS.serialize("t", web));
    ((ObjectNode) tree.get("ports").get(1)).remove("protocolDefaulted");

    ServiceFacts back =
        (ServiceFacts) FACTS.deserialize("t", WireCodec.mapper().writeValueAsBytes(tree));

    assertThat(web.ports().get(1).protocolDefaulted()).isTrue();
    assertThat(back.ports().get(1).protocol()).isEqualTo("TCP");
    assertThat(back.ports().get(1).protocolDefaulted()).isFalse();
  }

  @Test
  void rejectsANewerMajorVersionWithATypedException() throws Exception {
    ObjectNode tree =
        (ObjectNode)
            WireCodec.mapper().readTree(FACTS.serialize("t", SampleRecords.everyFactKind().get(0)));
    tree.put("schema", "meshwarden.io/facts/v2");
    byte[] bytes = WireCodec.mapper().writeValueAsBytes(tree);

    assertThatThrownBy(() -> FACTS.deserialize("t", bytes))
        .isInstanceOfSatisfying(
            UnsupportedSchemaException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(WireFormatException.Reason.UNSUPPORTED_SCHEMA);
              assertThat(e.actual()).isEqualTo("meshwarden.io/facts/v2");
            });
    assertThat(FACTS.tryDecode(bytes))
        .isInstanceOfSatisfying(
            WireSerde.Decoded.Failed.class,
            f -> assertThat(f.error()).isInstanceOf(UnsupportedSchemaException.class));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json at all",
        "[1,2,3]",
        "{\"kind\":\"Pod\",\"meta\":{\"cluster\":\"c\",\"name\":\"p\"}}",
        "{\"schema\":\"meshwarden.io/finding/v1\",\"kind\":\"Pod\",\"meta\":{\"cluster\":\"c\",\"name\":\"p\"}}",
        "{\"schema\":\"meshwarden.io/facts/v1\",\"kind\":\"Toaster\",\"meta\":{\"cluster\":\"c\",\"name\":\"p\"}}",
        "{\"schema\":\"meshwarden.io/facts/v1\",\"kind\":\"Pod\"}",
        "{\"schema\":\"something/else\",\"kind\":\"Pod\"}",
        "{\"schema\":\"meshwarden.io/facts/v1\",\"kind\":\"Pod\",\"meta\":{\"cluster\":\"c\",\"name\":\"p\",\"observedAt\":\"yesterday\"}}"
      })
  void rejectsPoisonRecordsAsMalformedInsteadOfCrashing(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> FACTS.deserialize("t", bytes))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageNotContaining("\n");
    assertThat(FACTS.tryDecode(bytes)).isInstanceOf(WireSerde.Decoded.Failed.class);
  }

  @Test
  void aWellFormedPodNearMissOfThePoisonCasesDecodes() {
    byte[] bytes =
        "{\"schema\":\"meshwarden.io/facts/v1\",\"kind\":\"Pod\",\"meta\":{\"cluster\":\"c\",\"name\":\"p\",\"observedAt\":\"2026-11-24T14:00:00Z\"}}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(FACTS.tryDecode(bytes))
        .isInstanceOfSatisfying(
            WireSerde.Decoded.Ok.class, ok -> assertThat(ok.value()).isInstanceOf(PodFacts.class));
  }

  @Test
  void writesTheSchemaKindAndNoEmptyCollections() throws Exception {
    NamespaceFacts ns =
        NamespaceFacts.of(
            new FactMeta("c", null, "shop", "u", "1", SampleRecords.T0, null, null, null),
            "Active");

    String json = new String(FACTS.serialize("t", ns), StandardCharsets.UTF_8);

    assertThat(json)
        .contains("\"schema\":\"meshwarden.io/facts/v1\"")
        .contains("\"kind\":\"Namespace\"")
        .contains("\"observedAt\":\"2026-11-24T14:00:00Z\"")
        .doesNotContain("labels")
        .doesNotContain("annotations");
  }

  @Test
  void equalRecordsEncodeToEqualBytesWhateverTheirMapOrder() {
    java.util.Map<String, String> forward = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> backward = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      forward.put("k" + i, "v" + i);
      backward.put("k" + (49 - i), "v" + (49 - i));
    }
    FactMeta a = new FactMeta("c", "ns", "n", "u", "1", SampleRecords.T0, null, forward, null);
    FactMeta b = new FactMeta("c", "ns", "n", "u", "1", SampleRecords.T0, null, backward, null);

    assertThat(FACTS.serialize("t", NamespaceFacts.of(a, "Active")))
        .isEqualTo(FACTS.serialize("t", NamespaceFacts.of(b, "Active")));
  }
}
