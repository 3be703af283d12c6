package io.meshwarden.reconciler.stream;

import static io.meshwarden.core.fixtures.Fixtures.namespace;
import static io.meshwarden.core.fixtures.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.CloudEventHeaders;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.PodFacts;
import io.meshwarden.core.lifecycle.LifecycleSettings;
import io.meshwarden.core.lifecycle.Tracked;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The findings lifecycle through the whole topology: hold, open, update, resolve, tombstone. */
class FindingsLifecycleTopologyTest {

  private static final String SIDECAR_MISSING = "MW0001";

  private StreamHarness h = new StreamHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static PodFacts bare(String name) {
    return pod(name).ofDeployment("web", "7d4b9c").build();
  }

  private static PodFacts injected(String name) {
    return pod(name).ofDeployment("web", "7d4b9c").withSidecar("default").build();
  }

  private List<StreamHarness.Event> sidecarMissing() {
    return h.drainFindings().stream()
        .filter(e -> e.finding() == null || SIDECAR_MISSING.equals(e.finding().code()))
        .toList();
  }

  @Test
  void opensOnlyAfterTheConditionHeldForItsForDurationAndThenOnce() {
    h.put(namespace("shop", "istio-injection", "enabled"), bare("web-7d4b9c-a"));

    h.run(Duration.ofSeconds(29));
    assertThat(sidecarMissing()).isEmpty();

    h.run(Duration.ofSeconds(2));
    List<StreamHarness.Event> events = sidecarMissing();
    assertThat(events).hasSize(1);
    StreamHarness.Event opened = events.get(0);
    assertThat(opened.type()).isEqualTo(CloudEventHeaders.TYPE_FINDING_OPENED);
    assertThat(opened.key()).isEqualTo(opened.finding().fingerprint());
    assertThat(opened.finding().state()).isEqualTo(Finding.State.OPEN);
    assertThat(opened.finding().subject().name()).isEqualTo("web");
    assertThat(CloudEventHeaders.readFrom(opened.headers()).source())
        .isEqualTo("/meshwarden/test/reconciler");

    h.put(bare("web-7d4b9c-a")); // the same fact again: re-evaluated, nothing new
    h.run(Duration.ofMinutes(2));
    assertThat(sidecarMissing()).isEmpty();
  }

  @Test
  void aConditionThatStopsBeforeItsForNeverPublishes() {
    h.put(namespace("shop", "istio-injection", "enabled"), bare("web-7d4b9c-a"));
    h.run(Duration.ofSeconds(10));
    h.put(injected("web-7d4b9c-a"));
    h.run(Duration.ofMinutes(2));

    assertThat(sidecarMissing()).isEmpty();
  }

  @Test
  void resolvesWhenFixedAndIsTombstonedAfterTheRetention() {
    h.put(namespace("shop", "istio-injection", "enabled"), bare("web-7d4b9c-a"));
    h.run(Duration.ofSeconds(31));
    String fingerprint = sidecarMissing().get(0).key();

    h.put(injected("web-7d4b9c-a"));
    h.run(Duration.ofSeconds(1));
    List<StreamHarness.Event> resolved = sidecarMissing();
    assertThat(resolved)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(CloudEventHeaders.TYPE_FINDING_RESOLVED);
              assertThat(e.finding().state()).isEqualTo(Finding.State.RESOLVED);
              assertThat(e.finding().resolvedAt()).isNotNull();
            });

    h.run(Duration.ofMinutes(4));
    assertThat(sidecarMissing()).isEmpty();
    h.run(Duration.ofMinutes(1).plusSeconds(1));
    // MW0001 (the workload) and MW0022 (istioctl's IST0103, per pod) both resolved; both go.
    List<StreamHarness.Event> tombstones = h.drainFindings();
    assertThat(tombstones).hasSize(2).allSatisfy(e -> assertThat(e.finding()).isNull());
    assertThat(tombstones).extracting(StreamHarness.Event::key).contains(fingerprint);
  }

  @Test
  void publishesAnUpdateWhenAnOpenFindingsDetailsChange() {
    h.put(namespace("shop", "istio-injection", "enabled"), bare("web-7d4b9c-a"));
    h.run(Duration.ofSeconds(31));
    assertThat(sidecarMissing()).hasSize(1);

    h.put(bare("web-7d4b9c-b"));
    h.run(Duration.ofSeconds(1));

    assertThat(sidecarMissing())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(CloudEventHeaders.TYPE_FINDING_UPDATED);
              assertThat(e.finding().details()).containsEntry("affectedPods", "2");
              assertThat(e.finding().firstSeen()).isBefore(e.finding().lastSeen());
            });
  }

  @Test
  void aRuleWithAShorterForOpensSooner() {
    h.close();
    h =
        new StreamHarness(
            new LifecycleSettings(
                Duration.ofMinutes(10), Map.of(SIDECAR_MISSING, Duration.ZERO), Duration.ZERO));
    h.put(namespace("shop", "istio-injection", "enabled"), bare("web-7d4b9c-a"));
    h.run(Duration.ofSeconds(1));

    assertThat(sidecarMissing()).hasSize(1);
  }

  @Test
  void requestsARemediationWithTheIdTheFindingCarries() {
    h.put(namespace("shop", "istio-injection", "enabled"), bare("web-7d4b9c-a"));
    h.run(Duration.ofSeconds(31));

    Finding opened = sidecarMissing().get(0).finding();
    assertThat(h.drainRequests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.id()).isEqualTo(opened.remediation().requestId());
              assertThat(r.target().key()).isEqualTo("shop/Deployment/web");
              assertThat(r.fingerprints()).containsExactly(opened.fingerprint());
              assertThat(r.expectedRevision()).isEqualTo("default");
            });
    assertThat(opened.remediation().state()).isEqualTo(Finding.RemediationState.PENDING);
  }

  @Test
  void labellingTheNamespaceOnTheMeshTopicReEvaluatesItsWorkloads() {
    h.put(namespace("shop"), bare("web-7d4b9c-a"));
    h.run(Duration.ofSeconds(40));
    assertThat(sidecarMissing()).isEmpty();

    h.put(namespace("shop", "istio-injection", "enabled"));
    h.run(Duration.ofSeconds(31));

    assertThat(sidecarMissing()).hasSize(1);
  }

  @Test
  void countsOpenFindingsByRuleAndSeverity() {
    h.put(namespace("shop", "istio-injection", "enabled"), bare("web-7d4b9c-a"));
    h.run(Duration.ofSeconds(31));
    assertThat(h.meter("meshwarden.findings.open", "rule", SIDECAR_MISSING)).isEqualTo(1.0);

    h.put(injected("web-7d4b9c-a"));
    h.run(Duration.ofSeconds(1));
    assertThat(h.meter("meshwarden.findings.open", "rule", SIDECAR_MISSING)).isZero();
    assertThat(h.meter("meshwarden.injection.coverage.ratio", "namespace", "shop")).isEqualTo(1.0);
  }

  @Test
  void aRestoredShardNeitherReopensNorLosesItsFindings() {
    h.put(namespace("shop", "istio-injection", "enabled"), bare("web-7d4b9c-a"));
    h.run(Duration.ofSeconds(31));
    assertThat(sidecarMissing()).hasSize(1);
    List<TestRecord<String, Tracked>> findingsLog = h.findingsChangelog();
    var factsLog = h.factsChangelog();
    h.close();

    // A new instance: its stores restored from the changelogs, the mesh re-read from its topic.
    h = new StreamHarness();
    h.put(namespace("shop", "istio-injection", "enabled"));
    KeyValueStore<String, Tracked> findings = h.driver.getKeyValueStore(StoreNames.FINDINGS);
    findingsLog.forEach(r -> replay(findings, r.key(), r.value()));
    KeyValueStore<String, io.meshwarden.common.protocol.ObjectFacts> facts =
        h.driver.getKeyValueStore(StoreNames.FACTS);
    factsLog.forEach(r -> replay(facts, r.key(), r.value()));

    h.run(Duration.ofMinutes(2));
    assertThat(sidecarMissing()).as("no second OPEN").isEmpty();

    h.put(injected("web-7d4b9c-a"));
    h.run(Duration.ofSeconds(1));
    assertThat(sidecarMissing())
        .singleElement()
        .satisfies(e -> assertThat(e.type()).isEqualTo(CloudEventHeaders.TYPE_FINDING_RESOLVED));
  }

  private static <V> void replay(KeyValueStore<String, V> store, String key, V value) {
    if (value == null) {
      store.delete(key);
    } else {
      store.put(key, value);
    }
  }
}
