package io.meshwarden.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyResolverTest {

  static ParsedPolicy parse(String name, String spec) {
    return PolicyParser.parse(PolicyParserTest.policy(name, spec.replace("'", "\"")));
  }

  static final Map<String, String> SHOP = Map.of("team", "shop", "env", "prod");

  @Test
  void theMoreSpecificPolicyWins() {
    List<ParsedPolicy> policies =
        List.of(
            parse("all", "{'mode': 'enforce'}"),
            parse(
                "shop",
                "{'mode': 'enforce', 'namespaceSelector': {'matchLabels': {'team': 'shop'}}}"));

    assertThat(PolicyResolver.resolve(policies, SHOP, Map.of()))
        .get()
        .extracting(InjectionPolicy::name)
        .isEqualTo("shop");
    assertThat(PolicyResolver.resolve(policies, Map.of("team", "pay"), Map.of()))
        .get()
        .extracting(InjectionPolicy::name)
        .isEqualTo("all");
  }

  @Test
  void onATieAuditBeatsEnforceThenTheNameDecides() {
    List<ParsedPolicy> tie =
        List.of(
            parse(
                "b-enforce",
                "{'mode': 'enforce', 'namespaceSelector': {'matchLabels': {'team': 'shop'}}}"),
            parse(
                "c-audit",
                "{'mode': 'audit', 'namespaceSelector': {'matchLabels': {'env': 'prod'}}}"),
            parse(
                "a-enforce",
                "{'mode': 'enforce', 'namespaceSelector': {'matchLabels': {'env': 'prod'}}}"));

    assertThat(PolicyResolver.resolve(tie, SHOP, Map.of()))
        .get()
        .extracting(InjectionPolicy::name)
        .isEqualTo("c-audit");
    assertThat(PolicyResolver.resolve(tie.subList(0, 1), SHOP, Map.of()))
        .get()
        .extracting(InjectionPolicy::name)
        .isEqualTo("b-enforce");
    assertThat(PolicyResolver.resolve(List.of(tie.get(0), tie.get(2)), SHOP, Map.of()))
        .get()
        .extracting(InjectionPolicy::name)
        .isEqualTo("a-enforce");
  }

  @Test
  void anInvalidPolicyGovernsNothing() {
    List<ParsedPolicy> policies = List.of(parse("bad", "{'mode': 'fix'}"));

    assertThat(policies.get(0)).isInstanceOf(ParsedPolicy.Invalid.class);
    assertThat(PolicyResolver.resolve(policies, SHOP, Map.of())).isEmpty();
  }
}
