package io.meshwarden.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.projection.KubernetesYaml;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.NamespaceDigest;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.WireCodec;
import io.meshwarden.common.protocol.WireSerde;
import io.meshwarden.core.rules.RuleEngine;
import io.meshwarden.core.rules.RuleResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The digest keeps everything the cluster rules read: over every fixture cluster (the rule
 * fixtures, the analyze examples, and all of them at once), the cluster rules give the same results
 * on the cluster rebuilt from digests (sent through the wire codec) as on the cluster itself.
 */
class NamespaceDigestsTest {

  private static final Instant NOW = Instant.parse("2026-11-24T14:00:00Z");
  private static final Path RULE_FIXTURES = Path.of("src", "test", "resources", "meshrules");
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final Comparator<RuleResult> ORDER =
      RuleEngine.ORDER.thenComparing(RuleResult::message);

  static Stream<Path> clusters() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(RULE_FIXTURES)) {
      files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
    }
    out.add(EXAMPLES);
    out.add(RULE_FIXTURES);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clusters")
  void clusterRulesJudgeTheRebuiltClusterAsTheCluster(Path input) {
    ClusterView cluster = ClusterView.of("test", NOW, facts(input));
    List<RuleResult> expected = sorted(RuleEngine.standard().evaluateCluster(cluster));

    List<NamespaceDigest> digests = new ArrayList<>();
    for (NamespaceView ns : cluster.namespaces().values()) {
      byte[] wire = WireCodec.encode(NamespaceDigests.of("test", ns, 3));
      digests.add(WireSerde.digests().deserialize("", wire));
    }
    ClusterView rebuilt = NamespaceDigests.cluster("test", cluster.mesh(), digests);

    assertThat(rebuilt.namespaces().keySet()).isEqualTo(cluster.namespaces().keySet());
    assertThat(sorted(RuleEngine.standard().evaluateCluster(rebuilt))).isEqualTo(expected);
  }

  @Test
  void theExamplesGiveClusterFindingsSoTheComparisonMeansSomething() {
    ClusterView cluster = ClusterView.of("test", NOW, facts(EXAMPLES));

    assertThat(RuleEngine.standard().evaluateCluster(cluster))
        .extracting(RuleResult::code)
        .contains("MW0103", "MW0110", "MW0121");
  }

  @Test
  void aNamespaceEncodesToTheSameBytesWhateverOrderItsFactsCameIn() {
    // One fact per key, as on the compacted topic: the fixtures reuse some names (pod shop/web).
    List<ObjectFacts> facts =
        new ArrayList<>(
            facts(RULE_FIXTURES).stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        ObjectFacts::key, f -> f, (a, b) -> b, java.util.LinkedHashMap::new))
                .values());
    ClusterView ordered = ClusterView.of("test", NOW, facts);
    List<ObjectFacts> shuffled = new ArrayList<>(facts);
    Collections.shuffle(shuffled, new Random(7));
    ClusterView other = ClusterView.of("test", NOW, shuffled);

    assertThat(ordered.namespaces()).isNotEmpty();
    for (NamespaceView ns : ordered.namespaces().values()) {
      assertThat(WireCodec.encode(NamespaceDigests.of("test", ns, 0)))
          .as(ns.name())
          .isEqualTo(
              WireCodec.encode(NamespaceDigests.of("test", other.namespaces().get(ns.name()), 0)));
    }
  }

  @Test
  void aNewPodWithLabelsAlreadySeenOnlyCountsUp() {
    ClusterView cluster = ClusterView.of("test", NOW, facts(EXAMPLES));
    NamespaceView shop = cluster.namespaces().get("shop");
    NamespaceDigest digest = NamespaceDigests.of("test", shop, 0);

    assertThat(digest.pods().stream().mapToInt(NamespaceDigest.PodLabels::count).sum())
        .isEqualTo(shop.pods().size());
    assertThat(digest.pods().size()).isLessThanOrEqualTo(shop.pods().size());
    assertThat(NamespaceDigests.view(digest).pods()).hasSameSizeAs(shop.pods());
  }

  private static String text(NamespaceDigest digest) {
    return new String(WireCodec.encode(digest), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static List<RuleResult> sorted(List<RuleResult> results) {
    return results.stream().sorted(ORDER).toList();
  }

  private static List<ObjectFacts> facts(Path input) {
    FactProjector projector =
        new FactProjector("test", MeshKeys.standard(), Clock.fixed(NOW, ZoneOffset.UTC));
    List<ObjectFacts> facts = new ArrayList<>();
    try (Stream<Path> files =
        Files.isDirectory(input) ? Files.list(input).sorted() : Stream.of(input)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        for (JsonNode object : KubernetesYaml.read(f)) {
          if (!"PeerAuthentication".equals(object.path("kind").asText())) {
            facts.addAll(projector.project(object).facts());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return facts;
  }
}
