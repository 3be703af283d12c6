package io.meshwarden.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorTest {

  static LabelSelector expr(String key, String op, String... values) {
    return new LabelSelector(
        null, List.of(new LabelSelector.Requirement(key, op, List.of(values))));
  }

  static Stream<Arguments> cases() {
    Map<String, String> web = Map.of("app", "web", "tier", "front");
    return Stream.of(
        Arguments.of(LabelSelector.EVERYTHING, web, true),
        Arguments.of(LabelSelector.EVERYTHING, Map.of(), true),
        Arguments.of(new LabelSelector(Map.of("app", "web"), null), web, true),
        Arguments.of(new LabelSelector(Map.of("app", "api"), null), web, false),
        Arguments.of(expr("tier", "In", "front", "back"), web, true),
        Arguments.of(expr("tier", "In", "back"), web, false),
        Arguments.of(expr("tier", "NotIn", "back"), web, true),
        Arguments.of(expr("tier", "NotIn", "front"), web, false),
        Arguments.of(expr("zone", "NotIn", "a"), web, true),
        Arguments.of(expr("app", "Exists"), web, true),
        Arguments.of(expr("zone", "Exists"), web, false),
        Arguments.of(expr("zone", "DoesNotExist"), web, true),
        Arguments.of(expr("app", "DoesNotExist"), web, false),
        Arguments.of(expr("app", "Gt", "1"), web, false));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void matchesLikeKubernetes(LabelSelector selector, Map<String, String> labels, boolean match) {
    assertThat(selector.matches(labels)).isEqualTo(match);
  }
}
