package io.meshwarden.sandbox;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The end-of-run table: every seeded drift, whether meshwarden found it and after how long, and
 * whether it was corrected.
 */
final class DriftSummary {

  /** The verdict on one seeded drift. */
  record Row(SeededDrift drift, boolean found, Duration after, String corrected) {}

  private final List<Row> rows;

  private DriftSummary(List<Row> rows) {
    this.rows = rows;
  }

  static DriftSummary of(
      List<SeededDrift> drifts, Map<String, FindingsTable.Entry> findings, Instant started) {
    return new DriftSummary(
        drifts.stream()
            .map(
                d -> {
                  FindingsTable.Entry e = findings.get(d.fingerprint());
                  boolean found = e != null && e.firstOpen() != null;
                  Duration after =
                      found ? Duration.between(started, e.firstOpen().firstSeen()) : null;
                  String corrected =
                      d.remediable()
                          ? "not yet: remediation joins the sandbox with issue #8"
                          : "not remediable: the finding says what to do";
                  return new Row(d, found, after, corrected);
                })
            .toList());
  }

  List<Row> rows() {
    return rows;
  }

  boolean allFound() {
    return rows.stream().allMatch(Row::found);
  }

  void print(PrintStream out) {
    out.println();
    out.println(
        "Seeded drift                                     cluster  rule    found    corrected");
    for (Row r : rows) {
      String subject =
          r.drift().subject().namespace().isEmpty()
              ? r.drift().subject().name()
              : r.drift().subject().namespace() + "/" + r.drift().subject().name();
      out.printf(
          "%-48s %-8s %-7s %-8s %s%n",
          truncate(r.drift().what() + " (" + subject + ")", 48),
          r.drift().cluster(),
          r.drift().code(),
          r.found() ? "in " + Math.max(0, r.after().toSeconds()) + " s" : "NO",
          r.corrected());
    }
    out.println(
        allFound()
            ? "Every seeded drift was found."
            : "Some seeded drift was not found (see above).");
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
