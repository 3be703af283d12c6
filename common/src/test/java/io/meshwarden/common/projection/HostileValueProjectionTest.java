package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.PodFacts;
import io.meshwarden.common.protocol.Schemas;
import io.meshwarden.common.protocol.WireCodec;
import io.meshwarden.common.protocol.WorkloadFacts;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Values an attacker or a broken tool may write: huge, odd, repeated. */
class HostileValueProjectionTest {

  private static ObjectNode podWithAnnotation(String key, String value) {
    ObjectNode pod =
        (ObjectNode)
            Fixtures.yaml(
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: web-1, namespace: shop, labels: {app: web}}
                spec: {containers: [{name: web, image: "ghcr.io/acme/web:2.1"}]}
                """);
    ((ObjectNode) pod.get("metadata")).putObject("annotations").put(key, value);
    return pod;
  }

  @ParameterizedTest(name = "{0} x ''{1}'' kept={2}")
  @CsvSource({
    "65536, a, true", // exactly 64 KiB
    "65537, a, false",
    "21845, €, true", // 65535 bytes in UTF-8
    "21846, €, false", // 65538 bytes in UTF-8 though only 21846 chars
    "16384, \uD83D\uDE00, true" // 16384 emoji = 65536 bytes
  })
  void dropsAndCountsAnnotationValuesOverSixtyFourKib(int times, String unit, boolean kept) {
    String value = unit.repeat(times);
    Projection p =
        Fixtures.projector().project(podWithAnnotation("sidecar.istio.io/status", value));

    Projection.Projected projected = (Projection.Projected) p;
    FactMeta meta = projected.first().meta();
    assertThat(meta.annotations().containsKey("sidecar.istio.io/status")).isEqualTo(kept);
    assertThat(projected.droppedOversizeValues()).isEqualTo(kept ? 0 : 1);
    assertThat(meta.labels()).containsEntry("app", "web");
  }

  @Test
  void doesNotCountOversizeValuesOfKeysItWouldNotKeepAnyway() {
    Projection p =
        Fixtures.projector()
            .project(
                podWithAnnotation(
                    "kubectl.kubernetes.io/last-applied-configuration", "x".repeat(200_000)));

    assertThat(((Projection.Projected) p).droppedOversizeValues()).isZero();
  }

  @Test
  void countsOversizeValuesInAWorkloadsPodTemplate() {
    ObjectNode deployment = (ObjectNode) Fixtures.only("deployment.yaml");
    ((ObjectNode) deployment.at("/spec/template/metadata/annotations"))
        .put("proxy.istio.io/config", "y".repeat(70_000));

    Projection.Projected p = (Projection.Projected) Fixtures.projector().project(deployment);

    assertThat(p.droppedOversizeValues()).isEqualTo(1);
    assertThat(((WorkloadFacts) p.first()).template().annotations())
        .containsOnlyKeys("kubectl.kubernetes.io/restartedAt");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nul\u0000inside",
        "line\nbreak\ttab",
        "rtl\u202Eoverride",
        "emoji \uD83D\uDE80 rocket",
        "lone \uD800 surrogate",
        "quote \" and backslash \\",
        "<script>alert(1)</script>",
        ""
      })
  void keepsOddCharactersVerbatimAndStillEncodes(String value) {
    ObjectFacts facts =
        Fixtures.projectOne(podWithAnnotation("sidecar.istio.io/userVolume", value));

    assertThat(facts.meta().annotations()).containsEntry("sidecar.istio.io/userVolume", value);
    byte[] json = WireCodec.encode(facts);
    ObjectFacts back = WireCodec.decode(json, ObjectFacts.class, Schemas.FACTS);
    assertThat(back.meta().name()).isEqualTo("web-1");
  }

  @Test
  void takesNumbersAndBooleansInLabelsAsTheirTextAsWritten() {
    JsonNode pod =
        Fixtures.yaml(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-1
              namespace: shop
              labels: {version: 2, istio.io/rev: 124, sidecar.istio.io/inject: true, app: null}
            """);

    FactMeta meta = Fixtures.projectOne(pod).meta();

    assertThat(meta.labels())
        .containsEntry("istio.io/rev", "124")
        .containsEntry("sidecar.istio.io/inject", "true")
        .containsEntry("app", "")
        .containsEntry("version", "2");
  }

  @Test
  void offersRepeatedStringsToTheInternerButNeverNamesOrUids() {
    Set<String> offered = ConcurrentHashMap.newKeySet();
    FactProjector projector =
        Fixtures.projector()
            .withInterner(
                s -> {
                  offered.add(s);
                  return s;
                });

    projector.project(Fixtures.only("pod-injected.yaml"));

    assertThat(offered)
        .contains(
            "docker.io/istio/proxyv2:1.24.0",
            "istio-proxy",
            "shop",
            "security.istio.io/tlsMode",
            "istio",
            "ReplicaSet")
        .doesNotContain("web-7d4b9c5f8-x2kqp", "0c8e4d2a-91b3-4f6e-8c7d-2e5a9b1f3c44", "48213377");
  }

  @Test
  void sharesOneInstanceOfAnImageAcrossPodsWithAnInterner() {
    ConcurrentHashMap<String, String> pool = new ConcurrentHashMap<>();
    FactProjector projector =
        Fixtures.projector().withInterner(s -> pool.computeIfAbsent(s, k -> k));

    PodFacts first =
        (PodFacts) projector.project(Fixtures.only("pod-injected.yaml")).facts().get(0);
    PodFacts second =
        (PodFacts) projector.project(Fixtures.only("pod-injected.yaml")).facts().get(0);

    assertThat(second.spec().initContainers().get(0).image())
        .isSameAs(first.spec().initContainers().get(0).image());
    assertThat(second.spec().containers().get(1).image())
        .isSameAs(first.spec().initContainers().get(0).image());
  }

  @Test
  void keepsTheOriginalWhenTheInternerReturnsNull() {
    Function<String, String> broken = s -> null;

    ObjectFacts facts =
        Fixtures.projector()
            .withInterner(broken)
            .project(Fixtures.only("pod-injected.yaml"))
            .facts()
            .get(0);

    assertThat(((PodFacts) facts).spec().containers().get(0).image())
        .isEqualTo("ghcr.io/acme/web:2.1");
  }

  @Test
  void keepsAFloodOfLabelsOnlyUpToTheLabelBudgetAndCountsTheRest() {
    ObjectNode pod = podWithAnnotation("istio.io/rev", "1-24-0");
    ObjectNode labels = (ObjectNode) pod.at("/metadata/labels");
    int flood = 5_000; // about 125 KB of keys and values, twice the budget
    for (int i = 0; i < flood; i++) {
      labels.put("junk.example.com/k" + i, "v" + i);
    }

    Projection.Projected p = (Projection.Projected) Fixtures.projector().project(pod);
    FactMeta meta = p.first().meta();

    long keptBytes =
        meta.labels().entrySet().stream()
            .mapToLong(e -> e.getKey().length() + e.getValue().length())
            .sum();
    assertThat(keptBytes).isLessThanOrEqualTo(FactProjector.MAX_LABEL_BYTES);
    assertThat(meta.labels()).containsEntry("app", "web").containsKey("junk.example.com/k0");
    assertThat(meta.labels()).doesNotContainKey("junk.example.com/k" + (flood - 1));
    assertThat(meta.labels().size() + p.droppedOversizeValues()).isEqualTo(flood + 1);
    assertThat(meta.annotations()).containsOnlyKeys("istio.io/rev");
  }

  @Test
  void dropsAndCountsALabelValueOverSixtyFourKibButKeepsTheOthers() {
    ObjectNode pod = podWithAnnotation("istio.io/rev", "1-24-0");
    ((ObjectNode) pod.at("/metadata/labels"))
        .put("blob", "z".repeat(FactProjector.MAX_VALUE_BYTES + 1))
        .put("tier", "backend");

    Projection.Projected p = (Projection.Projected) Fixtures.projector().project(pod);

    assertThat(p.first().meta().labels()).containsOnlyKeys("app", "tier");
    assertThat(p.droppedOversizeValues()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nul\u0000inside", "line\nbreak\ttab", "rtl\u202Eoverride", ""})
  void keepsOddCharactersInLabelValuesVerbatimAndStillEncodes(String value) {
    ObjectNode pod = podWithAnnotation("istio.io/rev", "1-24-0");
    ((ObjectNode) pod.at("/metadata/labels")).put("example.com/odd", value);

    ObjectFacts facts = Fixtures.projectOne(pod);

    assertThat(facts.meta().labels()).containsEntry("example.com/odd", value);
    ObjectFacts back = WireCodec.decode(WireCodec.encode(facts), ObjectFacts.class, Schemas.FACTS);
    assertThat(back.meta().labels()).containsEntry("example.com/odd", value);
  }
}
