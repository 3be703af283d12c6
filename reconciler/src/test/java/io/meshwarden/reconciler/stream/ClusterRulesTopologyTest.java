package io.meshwarden.reconciler.stream;

import static io.meshwarden.reconciler.fixtures.Fixtures.meta;
import static io.meshwarden.reconciler.fixtures.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.NamespaceDigest;
import io.meshwarden.common.protocol.PodFacts;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.WireCodec;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.reconciler.lifecycle.LifecycleSettings;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cluster rules in the stream: shards publish namespace digests, the task of partition 0 judges the
 * cluster over them. A DestinationRule in {@code front} whose subset selects no pod of the Service
 * in {@code back} opens MW0130, and labelling a pod in {@code back} resolves it.
 */
class ClusterRulesTopologyTest {

  private static final String SUBSET_NO_PODS = "MW0130";

  private final StreamHarness h =
      new StreamHarness(new LifecycleSettings(Duration.ZERO, Map.of(), Duration.ofMinutes(5)));

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aSubsetThatSelectsNoPodInAnotherNamespaceOpensAndResolvesWhenAPodCarriesItsLabels() {
    h.put(service("back", "reviews", "app", "reviews"), reviewsPod("reviews-abc-1", "v1"));
    h.put(destinationRule("front", "reviews", "reviews.back.svc.cluster.local"));
    h.put(virtualService("front", "reviews", "reviews.back.svc.cluster.local", "v2"));
    h.run(Duration.ofSeconds(3));

    List<StreamHarness.Event> opened = events(SUBSET_NO_PODS);
    assertThat(opened).hasSize(1);
    Finding f = opened.get(0).finding();
    assertThat(f.state()).isEqualTo(Finding.State.OPEN);
    assertThat(f.subject().kind()).isEqualTo("DestinationRule");
    assertThat(f.subject().namespace()).isEqualTo("front");
    assertThat(f.details()).containsEntry("subsets", "v2");

    h.put(reviewsPod("reviews-abc-2", "v2"));
    h.run(Duration.ofSeconds(3));

    List<StreamHarness.Event> resolved = events(SUBSET_NO_PODS);
    assertThat(resolved).hasSize(1);
    assertThat(resolved.get(0).finding().state()).isEqualTo(Finding.State.RESOLVED);
    assertThat(resolved.get(0).key()).isEqualTo(opened.get(0).key());
  }

  @Test
  void publishesADigestOnlyWhenTheNamespaceChangedAndATombstoneWhenItEmpties() {
    PodFacts v1 = reviewsPod("reviews-abc-1", "v1");
    h.put(v1);
    h.run(Duration.ofSeconds(2));
    List<TestRecord<String, byte[]>> first = h.digests.readRecordsToList();
    assertThat(first).hasSize(1);
    NamespaceDigest digest = WireSerde.digests().deserialize("", first.get(0).value());
    assertThat(digest.namespace()).isEqualTo("back");
    assertThat(digest.pods()).singleElement().satisfies(p -> assertThat(p.count()).isEqualTo(1));

    // The same fact again, and a pod status change the rules do not read: nothing new.
    h.put(
        v1,
        pod("reviews-abc-1")
            .in("back")
            .ofDeployment("reviews", "abc")
            .label("app", "reviews")
            .label("version", "v1")
            .phase("Running")
            .build());
    h.run(Duration.ofSeconds(2));
    assertThat(h.digests.readRecordsToList()).isEmpty();

    h.delete(v1);
    h.run(Duration.ofSeconds(2));
    assertThat(h.digests.readRecordsToList())
        .singleElement()
        .satisfies(r -> assertThat(r.value()).isNull());
  }

  @Test
  void aPoisonDigestGoesToTheDeadLetterSinkAndIsNotStored() {
    h.digestsIn.pipeInput("back", "{\"schema\":\"meshwarden.io/namespace-digest/v9\"}".getBytes());
    h.digestsIn.pipeInput("back", "not json".getBytes());

    assertThat(h.meshDeadLetters).hasSize(2);
    assertThat(h.meter("meshwarden.reconciler.dead.letters", "topic", "digests")).isEqualTo(2.0);
    assertThat(h.driver.getKeyValueStore(StoreNames.DIGESTS).get("back")).isNull();
  }

  private List<StreamHarness.Event> events(String code) {
    return h.drainFindings().stream()
        .filter(e -> e.finding() != null && code.equals(e.finding().code()))
        .toList();
  }

  private static PodFacts reviewsPod(String name, String version) {
    return pod(name)
        .in("back")
        .ofDeployment("reviews", "abc")
        .label("app", "reviews")
        .label("version", version)
        .build();
  }

  private static ServiceFacts service(String ns, String name, String... selector) {
    return new ServiceFacts(
        null,
        FactKind.Service,
        meta(ns, name, Map.of(), Map.of()),
        "ClusterIP",
        Map.of(selector[0], selector[1]),
        List.of(new ServiceFacts.ServicePort("http", 9080, "9080", "TCP", null)),
        null,
        "10.0.0.10");
  }

  private static IstioConfigFacts destinationRule(String ns, String name, String host) {
    return istio(
        FactKind.DestinationRule,
        ns,
        name,
        "{\"host\":\""
            + host
            + "\",\"subsets\":[{\"name\":\"v1\",\"labels\":{\"version\":\"v1\"}},"
            + "{\"name\":\"v2\",\"labels\":{\"version\":\"v2\"}}]}");
  }

  private static IstioConfigFacts virtualService(
      String ns, String name, String host, String subset) {
    return istio(
        FactKind.VirtualService,
        ns,
        name,
        "{\"hosts\":[\""
            + host
            + "\"],\"http\":[{\"route\":[{\"destination\":{\"host\":\""
            + host
            + "\",\"subset\":\""
            + subset
            + "\"}}]}]}");
  }

  private static IstioConfigFacts istio(FactKind kind, String ns, String name, String spec) {
    try {
      return new IstioConfigFacts(
          null,
          kind,
          meta(ns, name, Map.of(), Map.of()),
          "networking.istio.io/v1",
          WireCodec.mapper().readTree(spec));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
