package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.common.protocol.WireCodec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A Java value's tree is the tree of its JSON text, node types included. */
class JavaTreesTest {

  static Stream<Arguments> values() {
    Map<String, Object> withNull = new LinkedHashMap<>();
    withNull.put("a", null);
    return Stream.of(
        Arguments.of(5L, "5"),
        Arguments.of(12_345_678_901L, "12345678901"),
        Arguments.of((short) 7, "7"),
        Arguments.of(BigInteger.valueOf(9), "9"),
        Arguments.of(
            new BigInteger("123456789012345678901234567890"), "123456789012345678901234567890"),
        Arguments.of(new BigDecimal("5"), "5"),
        Arguments.of(new BigDecimal("1.10"), "1.10"),
        Arguments.of(new BigDecimal("5E+1"), "5E+1"),
        Arguments.of(0.1f, "0.1"),
        Arguments.of(0.25d, "0.25"),
        Arguments.of(true, "true"),
        Arguments.of("text \u00e9\n", "\"text \\u00e9\\n\""),
        Arguments.of("abc".getBytes(StandardCharsets.UTF_8), "\"YWJj\""),
        Arguments.of(withNull, "{\"a\":null}"),
        Arguments.of(List.of(1, "x", List.of()), "[1,\"x\",[]]"),
        Arguments.of(new Object[] {1L, Map.of()}, "[1,{}]"));
  }

  @ParameterizedTest
  @MethodSource("values")
  void treeOfAJavaValueEqualsTheTreeOfItsJsonText(Object value, String json) throws Exception {
    var parsed = WireCodec.mapper().readTree(json);

    var tree = JavaTrees.toTree(value);

    assertThat(tree).isEqualTo(parsed);
    assertThat(tree.getNodeType()).isEqualTo(parsed.getNodeType());
    assertThat(tree.numberType()).isEqualTo(parsed.numberType());
  }

  @Test
  void aValueOfAnotherTypeIsRefusedWithItsTypeOnly() {
    assertThatThrownBy(() -> JavaTrees.toTree(List.of(new StringBuilder("secret"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.StringBuilder")
        .hasMessageNotContaining("secret");
  }

  @Test
  void projectMapTurnsAnUnreadableValueIntoInvalidRatherThanThrowing() {
    var projector =
        new FactProjector(
            "c", io.meshwarden.common.protocol.MeshKeys.standard(), java.time.Clock.systemUTC());
    Map<String, Object> pod = new LinkedHashMap<>();
    pod.put("kind", "Pod");
    pod.put("apiVersion", "v1");
    pod.put("metadata", Map.of("name", "web", "uid", new Object()));

    assertThat(projector.projectMap(pod)).isInstanceOf(Projection.Invalid.class);
    assertThat(projector.projectMap(null)).isInstanceOf(Projection.Invalid.class);
  }
}
