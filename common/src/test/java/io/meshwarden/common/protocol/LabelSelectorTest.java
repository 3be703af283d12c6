package io.meshwarden.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Kubernetes label-selector semantics, each hit beside a near miss. */
class LabelSelectorTest {

  private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front");

  static LabelSelector expr(String key, String op, String... values) {
    return new LabelSelector(null, List.of(req(key, op, values)));
  }

  static LabelSelector.Requirement req(String key, String op, String... values) {
    return new LabelSelector.Requirement(key, op, Arrays.asList(values));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("{} matches anything", LabelSelector.EVERYTHING, WEB, true),
        Arguments.of("{} matches no labels", LabelSelector.EVERYTHING, Map.of(), true),
        Arguments.of(
            "matchLabels hit", LabelSelector.ofMatchLabels(Map.of("app", "web")), WEB, true),
        Arguments.of(
            "matchLabels miss", LabelSelector.ofMatchLabels(Map.of("app", "api")), WEB, false),
        Arguments.of(
            "matchLabels all pairs",
            LabelSelector.ofMatchLabels(Map.of("app", "web", "tier", "back")),
            WEB,
            false),
        Arguments.of(
            "matchLabels key absent", LabelSelector.ofMatchLabels(Map.of("zone", "a")), WEB, false),
        Arguments.of(
            "matchLabels empty value",
            LabelSelector.ofMatchLabels(Map.of("e", "")),
            Map.of("e", ""),
            true),
        Arguments.of("In hit", expr("tier", "In", "front", "back"), WEB, true),
        Arguments.of("In miss", expr("tier", "In", "back"), WEB, false),
        Arguments.of("In key absent", expr("zone", "In", "a"), WEB, false),
        Arguments.of("NotIn hit", expr("tier", "NotIn", "back"), WEB, true),
        Arguments.of("NotIn miss", expr("tier", "NotIn", "front"), WEB, false),
        Arguments.of("NotIn key absent", expr("zone", "NotIn", "a"), WEB, true),
        Arguments.of("Exists hit", expr("app", "Exists"), WEB, true),
        Arguments.of("Exists miss", expr("zone", "Exists"), WEB, false),
        Arguments.of("Exists empty value", expr("e", "Exists"), Map.of("e", ""), true),
        Arguments.of("DoesNotExist hit", expr("zone", "DoesNotExist"), WEB, true),
        Arguments.of("DoesNotExist miss", expr("app", "DoesNotExist"), WEB, false),
        Arguments.of(
            "labels and expressions ANDed",
            new LabelSelector(Map.of("app", "web"), List.of(req("tier", "In", "back"))),
            WEB,
            false),
        Arguments.of(
            "same key twice, both hold",
            new LabelSelector(
                null, List.of(req("tier", "In", "front", "back"), req("tier", "NotIn", "back"))),
            WEB,
            true),
        Arguments.of(
            "same key twice, one fails",
            new LabelSelector(
                null, List.of(req("tier", "In", "front", "back"), req("tier", "NotIn", "front"))),
            WEB,
            false),
        Arguments.of(
            "same key in labels and expressions contradicts",
            new LabelSelector(Map.of("app", "web"), List.of(req("app", "NotIn", "web"))),
            WEB,
            false),
        Arguments.of("duplicate values are a set", expr("tier", "In", "front", "front"), WEB, true),
        Arguments.of("null labels are none", expr("zone", "DoesNotExist"), null, true),
        Arguments.of(
            "prefixed key",
            LabelSelector.ofMatchLabels(Map.of("app.kubernetes.io/name", "web")),
            Map.of("app.kubernetes.io/name", "web"),
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesLikeKubernetes(
      String name, LabelSelector selector, Map<String, String> labels, boolean match) {
    assertThat(selector.problem()).isEmpty();
    assertThat(selector.matches(labels)).isEqualTo(match);
  }

  /** What the Kubernetes API refuses; such a selector matches nothing, not even {@code {}}. */
  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(expr("app", "Gt", "1"), "unknown operator 'Gt'"),
        Arguments.of(expr("app", "in", "web"), "unknown operator 'in'"),
        Arguments.of(expr("zone", "NotIn"), "NotIn needs at least one value"),
        Arguments.of(expr("zone", "In"), "In needs at least one value"),
        Arguments.of(expr("zone", "DoesNotExist", "x"), "DoesNotExist takes no values"),
        Arguments.of(expr("zone", "NotIn", "a b"), "label value 'a b'"),
        Arguments.of(expr("zone", "NotIn", "x\ny"), "label value"),
        Arguments.of(expr("zone", "NotIn", "-a"), "label value '-a'"),
        Arguments.of(expr("zone", "NotIn", "a".repeat(64)), "at most 63"),
        Arguments.of(expr("bad key", "DoesNotExist"), "label key 'bad key'"),
        Arguments.of(expr("", "DoesNotExist"), "label key is empty"),
        Arguments.of(expr("Example.COM/x", "DoesNotExist"), "prefix must be a DNS subdomain"),
        Arguments.of(expr("/x", "DoesNotExist"), "prefix must be a DNS subdomain"),
        Arguments.of(expr("a/b/c", "DoesNotExist"), "label key 'a/b/c'"),
        Arguments.of(expr("zone", null), "operator is missing"),
        Arguments.of(
            LabelSelector.ofMatchLabels(Map.of("app", "web;rm -rf")), "label value 'web;rm -rf'"),
        Arguments.of(LabelSelector.ofMatchLabels(Map.of("app", "wéb")), "label value 'wéb'"),
        Arguments.of(LabelSelector.ofMatchLabels(Map.of("ap p", "web")), "label key 'ap p'"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("refused")
  void aSelectorKubernetesRefusesSaysWhyAndMatchesNothing(LabelSelector selector, String why) {
    assertThat(selector.problem()).hasValueSatisfying(p -> assertThat(p).contains(why));
    assertThat(selector.matches(WEB)).isFalse();
    assertThat(selector.matches(Map.of())).isFalse();
    assertThatThrownBy(selector::requireValid)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why);
  }

  @Test
  void aValidSelectorPassesRequireValidUnchanged() {
    LabelSelector s = expr("tier", "In", "front");
    assertThat(s.requireValid()).isSameAs(s);
  }

  @Test
  void ofMatchLabelsOfNothingIsTheEmptySelector() {
    assertThat(LabelSelector.ofMatchLabels(null)).isEqualTo(LabelSelector.EVERYTHING);
    assertThat(LabelSelector.ofMatchLabels(Map.of())).isEqualTo(LabelSelector.EVERYTHING);
    assertThat(LabelSelector.EVERYTHING.terms()).isZero();
    assertThat(new LabelSelector(Map.of("a", "b"), List.of(req("c", "Exists"))).terms())
        .isEqualTo(2);
  }

  @Test
  void aMatchLabelsMapIsCopiedSoLaterChangesDoNotLeakIn() {
    Map<String, String> labels = new HashMap<>(Map.of("app", "web"));
    LabelSelector s = LabelSelector.ofMatchLabels(labels);
    labels.put("tier", "back");

    assertThat(s.matches(WEB)).isTrue();
  }

  @Test
  void onTheWireASelectorIsOnlyItsTwoFields() {
    JsonNode json =
        WireCodec.mapper()
            .valueToTree(new LabelSelector(Map.of("app", "web"), List.of(req("t", "Exists"))));

    assertThat(json.properties())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("matchLabels", "matchExpressions");
    assertThat(json.path("matchExpressions").get(0).properties())
        .extracting(Map.Entry::getKey)
        .containsOnly("key", "operator");
  }
}
