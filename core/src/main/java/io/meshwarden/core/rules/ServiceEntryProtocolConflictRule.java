package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * MW0141 (IST0177): ServiceEntries give one host and port different protocols; the proxy keeps one
 * of them and traffic for the other breaks. Each entry involved is reported.
 */
public final class ServiceEntryProtocolConflictRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0141", Severity.WARNING, "IST0177", "ServiceEntries disagree on a port's protocol");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    Map<String, Set<String>> protocols = new TreeMap<>();
    Map<String, Set<IstioConfigFacts>> owners = new TreeMap<>();
    for (IstioConfigFacts se : mesh.serviceEntries()) {
      for (String host : Specs.texts(se.spec().path("hosts"))) {
        for (JsonNode p : se.spec().path("ports")) {
          String key = host.toLowerCase(Locale.ROOT) + ":" + p.path("number").asText();
          String proto = p.path("protocol").asText("TCP").toUpperCase(Locale.ROOT);
          protocols.computeIfAbsent(key, k -> new TreeSet<>()).add(proto);
          owners.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(se);
        }
      }
    }
    Map<IstioConfigFacts, Set<String>> conflicts = new LinkedHashMap<>();
    protocols.forEach(
        (key, protos) -> {
          if (protos.size() > 1) {
            owners
                .get(key)
                .forEach(
                    se ->
                        conflicts
                            .computeIfAbsent(se, k -> new TreeSet<>())
                            .add(key + " " + protos));
          }
        });
    List<RuleResult> out = new ArrayList<>();
    conflicts.forEach(
        (se, keys) ->
            out.add(
                RuleResult.of(
                    INFO,
                    Specs.ref(se),
                    String.format(
                        "%s: host and port %s have conflicting protocols across"
                            + " ServiceEntries; use one protocol per host and port",
                        Subjects.describe(Specs.ref(se)), String.join(", ", keys)),
                    Map.of("conflicts", String.join(", ", keys)))));
    return out;
  }
}
