package io.meshwarden.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshwarden.common.protocol.FactKind;
import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.core.model.IstioVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The texts istioctl gives as IST0130 and IST0131 for one VirtualService spec, per release: each
 * row is a spec (flow YAML) judged as 1.26 and as 1.27 with the texts expected from each; a near
 * miss expects none.
 */
class RouteMatchesTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final String UNUSED = "VirtualService rule %s not used (%s).";
  private static final String DUP =
      "VirtualService rule %s match %s is not used (duplicate/overlapping match in rule %s).";

  private static String unused(String rule, String reason) {
    return String.format(UNUSED, rule, reason);
  }

  private static String dup(String rule, String match, String of) {
    return String.format(DUP, rule, match, of);
  }

  private static final String ALL_USED = "all matches used by prior rules";
  private static final String AFTER = "route without matches defined before";
  private static final String LAST = "only the last rule can have no matches";

  /** name, spec, texts up to 1.26, texts from 1.27. */
  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "rule after a match-less rule, its two matches reported once",
            "{http: [{route: []}, {match: [{uri: {prefix: /a}}, {uri: {prefix: /b}}]}]}",
            List.of(),
            List.of(unused("#1", AFTER))),
        row(
            "rule after a match-less rule repeating an earlier match",
            "{http: [{match: [{uri: {exact: /a}}]}, {route: []}, {match: [{uri: {exact: /a}}]}]}",
            List.of(dup("#2", "#0", "#0"), unused("#2", ALL_USED)),
            List.of(unused("#2", AFTER))),
        row(
            "prefix overlap after a match-less rule",
            "{http: [{route: []}, {match: [{uri: {prefix: /a}}]}, {match: [{uri: {prefix: /ab}}]}]}",
            List.of(dup("#2", "#0 of prefix /ab", "#0 of prefix /a on #1")),
            List.of(unused("#1", AFTER), unused("#2", AFTER))),
        row(
            "two match-less rules",
            "{http: [{route: []}, {route: []}]}",
            List.of(unused("#1", LAST)),
            List.of(unused("#1", LAST))),
        row(
            "named match-less rules",
            "{http: [{name: a}, {name: b}, {name: c, match: []}]}",
            List.of(unused("\"b\"", LAST), unused("\"c\"", LAST)),
            List.of(unused("\"b\"", LAST), unused("\"c\"", LAST))),
        row(
            "named duplicate, names of matches ignored",
            "{http: [{name: first, match: [{name: m1, uri: {prefix: /api}}]},"
                + " {name: again, match: [{name: m2, uri: {prefix: /api}}, {uri: {exact: /x}}]}]}",
            List.of(dup("\"again\"", "\"m2\"", "\"first\"")),
            List.of(dup("\"again\"", "\"m2\"", "\"first\""))),
        row(
            "duplicate within one rule",
            "{http: [{match: [{uri: {exact: /a}}, {uri: {exact: /a}}]}]}",
            List.of(dup("#0", "#1", "#0")),
            List.of(dup("#0", "#1", "#0"))),
        row(
            "unset and empty fields compare equal",
            "{http: [{match: [{uri: {exact: /a}}]},"
                + " {match: [{uri: {exact: /a}, ignoreUriCase: false, port: 0, headers: {}}]}]}",
            List.of(dup("#1", "#0", "#0"), unused("#1", ALL_USED)),
            List.of(dup("#1", "#0", "#0"), unused("#1", ALL_USED))),
        row(
            "snake_case field names are the same fields",
            "{http: [{match: [{uri: {prefix: /a}, query_params: {q: {exact: x}}}]},"
                + " {match: [{uri: {prefix: /a}, queryParams: {q: {exact: x}}}]},"
                + " {match: [{uri: {prefix: /a/b}, queryParams: {q: {exact: x}}}]}]}",
            List.of(
                dup("#1", "#0", "#0"),
                unused("#1", ALL_USED),
                dup("#2", "#0 of prefix /a/b", "#0 of prefix /a on #0")),
            List.of(
                dup("#1", "#0", "#0"),
                unused("#1", ALL_USED),
                dup("#2", "#0 of prefix /a/b", "#0 of prefix /a on #0"))),
        row(
            "an empty match object is no catch-all",
            "{http: [{match: [{}]}, {match: [{uri: {prefix: /a}}]}, {match: [{}]}]}",
            List.of(dup("#2", "#0", "#0"), unused("#2", ALL_USED)),
            List.of(dup("#2", "#0", "#0"), unused("#2", ALL_USED))),
        row(
            "longer prefix later",
            "{http: [{match: [{uri: {prefix: /api}}]}, {match: [{uri: {prefix: /api/v2}}]}]}",
            List.of(dup("#1", "#0 of prefix /api/v2", "#0 of prefix /api on #0")),
            List.of(dup("#1", "#0 of prefix /api/v2", "#0 of prefix /api on #0"))),
        row(
            "prefix chain, one message per pair",
            "{http: [{match: [{uri: {prefix: /a}}]}, {match: [{uri: {prefix: /ab}}]},"
                + " {match: [{uri: {prefix: /abc}}]}]}",
            List.of(
                dup("#1", "#0 of prefix /ab", "#0 of prefix /a on #0"),
                dup("#2", "#0 of prefix /abc", "#0 of prefix /a on #0"),
                dup("#2", "#0 of prefix /abc", "#0 of prefix /ab on #1")),
            List.of(
                dup("#1", "#0 of prefix /ab", "#0 of prefix /a on #0"),
                dup("#2", "#0 of prefix /abc", "#0 of prefix /a on #0"),
                dup("#2", "#0 of prefix /abc", "#0 of prefix /ab on #1"))),
        row(
            "prefix covered within one named rule",
            "{http: [{name: r, match: [{uri: {prefix: /a}}, {name: deeper, uri: {prefix: /a/b}}]}]}",
            List.of(dup("\"r\"", "\"deeper\" of prefix /a/b", "#0 of prefix /a on \"r\"")),
            List.of(dup("\"r\"", "\"deeper\" of prefix /a/b", "#0 of prefix /a on \"r\""))),
        row(
            "no method counts as exact GET",
            "{http: [{match: [{uri: {prefix: /a}}]},"
                + " {match: [{uri: {prefix: /a/b}, method: {exact: GET}}]}]}",
            List.of(dup("#1", "#0 of prefix /a/b", "#0 of prefix /a on #0")),
            List.of(dup("#1", "#0 of prefix /a/b", "#0 of prefix /a on #0"))),
        row(
            "a regex method counts as GET too",
            "{http: [{match: [{uri: {prefix: /a}, method: {regex: P.*}}]},"
                + " {match: [{uri: {prefix: /a/b}}]}]}",
            List.of(dup("#1", "#0 of prefix /a/b", "#0 of prefix /a on #0")),
            List.of(dup("#1", "#0 of prefix /a/b", "#0 of prefix /a on #0"))),
        row(
            "near miss: another method",
            "{http: [{match: [{uri: {prefix: /a}, method: {exact: POST}}]},"
                + " {match: [{uri: {prefix: /a/b}}]}]}",
            List.of(),
            List.of()),
        row(
            "an earlier header value extending the later one counts, as Istio compares",
            "{http: [{match: [{uri: {prefix: /a}, headers: {v: {exact: v1}}}]},"
                + " {match: [{uri: {prefix: /a/b}, headers: {v: {exact: v}}}]}]}",
            List.of(dup("#1", "#0 of prefix /a/b", "#0 of prefix /a on #0")),
            List.of(dup("#1", "#0 of prefix /a/b", "#0 of prefix /a on #0"))),
        row(
            "near miss: the later has one header more",
            "{http: [{match: [{uri: {prefix: /a}}]},"
                + " {match: [{uri: {prefix: /a/b}, headers: {v: {exact: v}}}]}]}",
            List.of(),
            List.of()),
        row(
            "near miss: another port",
            "{http: [{match: [{uri: {prefix: /a}, port: 80}]},"
                + " {match: [{uri: {prefix: /a/b}, port: 8080}]}]}",
            List.of(),
            List.of()),
        row(
            "fields the overlap check ignores (gateways) do not stop it",
            "{http: [{match: [{uri: {prefix: /a}, gateways: [g1]}]},"
                + " {match: [{uri: {prefix: /a/b}, gateways: [g2]}]}]}",
            List.of(dup("#1", "#0 of prefix /a/b", "#0 of prefix /a on #0")),
            List.of(dup("#1", "#0 of prefix /a/b", "#0 of prefix /a on #0"))),
        row(
            "near miss: exact and regex URIs never overlap partially",
            "{http: [{match: [{uri: {exact: /a}}]}, {match: [{uri: {exact: /a/b}}]},"
                + " {match: [{uri: {regex: /a.*}}]}, {match: [{uri: {prefix: /a/b/c}}]}]}",
            List.of(),
            List.of()),
        row(
            "near miss: the shorter prefix later",
            "{http: [{match: [{uri: {prefix: /api/v2}}]}, {match: [{uri: {prefix: /api}}]}]}",
            List.of(),
            List.of()),
        row(
            "near miss: equal prefixes that differ elsewhere",
            "{http: [{match: [{uri: {prefix: /a}, headers: {x: {exact: '1'}}}]},"
                + " {match: [{uri: {prefix: /a}}]}]}",
            List.of(),
            List.of()),
        row(
            "TCP duplicates",
            "{tcp: [{match: [{port: 1}]}, {match: [{port: 1}, {port: 2}]}, {match: [{port: 2}]}]}",
            List.of(dup("#1", "#0", "#0"), dup("#2", "#0", "#1"), unused("#2", ALL_USED)),
            List.of(dup("#1", "#0", "#0"), dup("#2", "#0", "#1"), unused("#2", ALL_USED))),
        row(
            "TCP rule after a match-less one",
            "{tcp: [{route: []}, {match: [{port: 1}]}, {route: []}]}",
            List.of(unused("#2", LAST)),
            List.of(unused("#1", AFTER), unused("#2", LAST))),
        row(
            "TLS duplicates, field order ignored",
            "{tls: [{match: [{sniHosts: [a.example.com], port: 443}]},"
                + " {match: [{port: 443, sniHosts: [a.example.com]}]}]}",
            List.of(dup("#1", "#0", "#0"), unused("#1", ALL_USED)),
            List.of(dup("#1", "#0", "#0"), unused("#1", ALL_USED))),
        row(
            "TLS rule after a match-less one",
            "{tls: [{route: []}, {match: [{sniHosts: [a.example.com]}]}]}",
            List.of(),
            List.of(unused("#1", AFTER))),
        row(
            "near miss: TLS prefix-like SNI hosts are not compared as prefixes",
            "{tls: [{match: [{sniHosts: [a.example.com]}]}, {match: [{sniHosts: [b.example.com]}]}]}",
            List.of(),
            List.of()),
        row(
            "the same text from HTTP and TCP is one message",
            "{http: [{match: [{port: 1}]}, {match: [{port: 1}]}],"
                + " tcp: [{match: [{port: 1}]}, {match: [{port: 1}]}]}",
            List.of(dup("#1", "#0", "#0"), unused("#1", ALL_USED)),
            List.of(dup("#1", "#0", "#0"), unused("#1", ALL_USED))),
        row(
            "names quoted as Go quotes them",
            "{http: [{name: 'say \"hi\"'}, {name: 'say \"hi\"'}]}",
            List.of(unused("\"say \\\"hi\\\"\"", LAST)),
            List.of(unused("\"say \\\"hi\\\"\"", LAST))));
  }

  private static Arguments row(
      String name, String spec, List<String> upTo126, List<String> from127) {
    return Arguments.of(name, spec, upTo126, from127);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givesIstioctlsTextsPerRelease(
      String name, String spec, List<String> upTo126, List<String> from127) throws Exception {
    IstioConfigFacts vs = virtualService(spec);
    assertThat(texts(vs, new IstioVersion(1, 22, 0))).containsExactlyInAnyOrderElementsOf(upTo126);
    assertThat(texts(vs, new IstioVersion(1, 26, 0))).containsExactlyInAnyOrderElementsOf(upTo126);
    assertThat(texts(vs, new IstioVersion(1, 27, 0))).containsExactlyInAnyOrderElementsOf(from127);
    assertThat(texts(vs, new IstioVersion(1, 28, 0))).containsExactlyInAnyOrderElementsOf(from127);
  }

  private static List<String> texts(IstioConfigFacts vs, IstioVersion version) {
    return RouteMatches.analyse(vs, version).stream().map(RouteMatches.Verdict::text).toList();
  }

  private static IstioConfigFacts virtualService(String spec) throws Exception {
    JsonNode node = YAML.readTree(spec);
    FactMeta meta =
        new FactMeta(
            "test", "shop", "vs", "uid", "1", Instant.EPOCH, Instant.EPOCH, Map.of(), Map.of());
    return new IstioConfigFacts(
        null, FactKind.VirtualService, meta, "networking.istio.io/v1", node);
  }
}
