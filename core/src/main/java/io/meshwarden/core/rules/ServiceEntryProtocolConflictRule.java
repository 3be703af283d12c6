package io.meshwarden.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.IstioConfigFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.IstioVersion;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * MW0141 (IST0177, which istioctl has from 1.31): ServiceEntries give one host and port different
 * protocols within one export scope; the proxy keeps one of them and traffic for the other breaks.
 * As istioctl: scopes as for MW0125 ({@code *}, else each {@code exportTo} namespace, {@code .} its
 * own), a namespace scope also meeting the {@code *} scope of the same host and port; hosts compare
 * exactly as written; protocols compare upper-cased, an unset one being its own value; each
 * ServiceEntry involved is reported once.
 */
public final class ServiceEntryProtocolConflictRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo(
          "MW0141", Severity.WARNING, "IST0177", "ServiceEntries disagree on a port's protocol");

  private static final String ALL = "*";

  private final IstioVersion fixedVersion;

  public ServiceEntryProtocolConflictRule() {
    this(null);
  }

  /** A rule that applies {@code version}'s semantics whatever the mesh runs (for tests). */
  ServiceEntryProtocolConflictRule(IstioVersion version) {
    this.fixedVersion = version;
  }

  @Override
  public RuleInfo info() {
    return INFO;
  }

  private record Entry(String protocol, IstioConfigFacts se) {}

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    IstioVersion version = fixedVersion != null ? fixedVersion : AnalyzerVersion.of(mesh);
    if (!version.atLeast(1, 31)) {
      return List.of();
    }
    Map<String, List<Entry>> index = new TreeMap<>();
    mesh.serviceEntries().stream()
        .sorted(Comparator.comparing(ServiceEntryProtocolConflictRule::name))
        .forEach(
            se -> {
              for (String scope : scopes(se)) {
                for (String host : Specs.texts(se.spec().path("hosts"))) {
                  for (JsonNode p : se.spec().path("ports")) {
                    String key = scope + "|" + host + "|" + p.path("number").asInt();
                    index
                        .computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new Entry(p.path("protocol").asText("").toUpperCase(Locale.ROOT), se));
                  }
                }
              }
            });
    Map<String, RuleResult> reported = new LinkedHashMap<>();
    index.forEach(
        (key, list) -> {
          List<Entry> entries = new ArrayList<>(list);
          String[] parts = key.split("\\|", 3);
          if (!parts[0].equals(ALL)) {
            entries.addAll(index.getOrDefault(ALL + "|" + parts[1] + "|" + parts[2], List.of()));
          }
          Set<String> protocols = new TreeSet<>();
          Set<String> names = new TreeSet<>();
          entries.forEach(
              e -> {
                protocols.add(e.protocol());
                names.add(name(e.se()));
              });
          if (protocols.size() < 2) {
            return;
          }
          for (Entry e : entries) {
            reported.computeIfAbsent(
                name(e.se()), k -> result(e.se(), names, parts[1] + ":" + parts[2], protocols));
          }
        });
    return List.copyOf(reported.values());
  }

  private static Set<String> scopes(IstioConfigFacts se) {
    List<String> exportTo = Specs.texts(se.spec().path("exportTo"));
    if (exportTo.isEmpty() || exportTo.contains(ALL)) {
      return Set.of(ALL);
    }
    Set<String> out = new LinkedHashSet<>();
    exportTo.forEach(e -> out.add(e.equals(".") ? se.meta().namespace() : e));
    return out;
  }

  private static String name(IstioConfigFacts se) {
    return se.meta().namespace() + "/" + se.meta().name();
  }

  private static RuleResult result(
      IstioConfigFacts se, Set<String> names, String hostPort, Set<String> protocols) {
    String all = String.join(",", names);
    String protos = String.join(",", protocols);
    return RuleResult.of(
        INFO,
        Specs.ref(se),
        String.format(
            "%s: ServiceEntries %s give host and port %s the protocols %s; use one protocol per"
                + " host and port",
            Subjects.describe(Specs.ref(se)), all, hostPort, protos),
        Map.of("serviceEntries", all, "hostPort", hostPort, "protocols", protos));
  }
}
