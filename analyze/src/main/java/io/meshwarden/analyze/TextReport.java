package io.meshwarden.analyze;

import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.rules.RuleResult;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Findings for people: grouped by severity, one line each, ANSI colours only on a terminal. */
final class TextReport {

  private static final String RESET = "\u001b[0m";
  private static final Map<Severity, String> COLOURS =
      Map.of(
          Severity.CRITICAL, "\u001b[1;31m",
          Severity.ERROR, "\u001b[31m",
          Severity.WARNING, "\u001b[33m",
          Severity.INFO, "\u001b[36m");

  private final boolean colour;

  TextReport(boolean colour) {
    this.colour = colour;
  }

  void write(List<RuleResult> results, PrintWriter out) {
    if (results.isEmpty()) {
      out.println("No findings.");
      return;
    }
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    Severity current = null;
    for (RuleResult r : results) {
      if (r.severity() != current) {
        current = r.severity();
        if (counts.size() > 0) {
          out.println();
        }
        out.println(paint(current, current.name()));
      }
      counts.merge(r.severity(), 1, Integer::sum);
      String ist = r.istioCode() == null ? "" : " (" + r.istioCode() + ")";
      out.println("  " + paint(r.severity(), r.code()) + ist + "  " + r.message());
    }
    out.println();
    StringBuilder summary = new StringBuilder().append(results.size()).append(" finding");
    summary.append(results.size() == 1 ? ": " : "s: ");
    counts.forEach(
        (s, n) ->
            summary.append(n).append(' ').append(s.name().toLowerCase(Locale.ROOT)).append(", "));
    summary.setLength(summary.length() - 2);
    out.println(summary);
  }

  private String paint(Severity s, String text) {
    return colour ? COLOURS.get(s) + text + RESET : text;
  }
}
