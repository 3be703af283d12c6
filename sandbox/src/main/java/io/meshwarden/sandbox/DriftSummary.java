package io.meshwarden.sandbox;

import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.RemediationRecord;
import io.meshwarden.common.protocol.RemediationRecord.Outcome;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The end-of-run table: every seeded drift, whether meshwarden found it and after how long, and
 * whether what happened next is what the scenario expects (corrected in enforce mode, untouched in
 * audit mode or an opted-out namespace).
 */
final class DriftSummary {

  /**
   * The verdict on one seeded drift.
   *
   * @param outcome what happened after it was found, in words
   * @param ok whether that is what the scenario expects
   */
  record Row(SeededDrift drift, boolean found, Duration after, String outcome, boolean ok) {}

  private final List<Row> rows;

  private DriftSummary(List<Row> rows) {
    this.rows = rows;
  }

  static DriftSummary of(
      List<SeededDrift> drifts,
      Map<String, FindingsTable.Entry> findings,
      Map<String, List<RemediationRecord>> remediations,
      Instant started) {
    return new DriftSummary(
        drifts.stream().map(d -> row(d, findings, remediations, started)).toList());
  }

  private static Row row(
      SeededDrift d,
      Map<String, FindingsTable.Entry> findings,
      Map<String, List<RemediationRecord>> remediations,
      Instant started) {
    FindingsTable.Entry e = findings.get(d.fingerprint());
    boolean found = e != null && e.firstOpen() != null;
    Duration after = found ? Duration.between(started, e.firstOpen().firstSeen()) : null;
    List<RemediationRecord> records =
        remediations.getOrDefault(d.cluster() + "|" + d.subject().key(), List.of());
    boolean restarted = records.stream().anyMatch(r -> r.outcome() == Outcome.SUCCEEDED);
    boolean touched = records.stream().anyMatch(r -> r.outcome() == Outcome.STARTED);
    boolean resolved = e != null && e.latest().state() == Finding.State.RESOLVED;
    String skipped =
        records.stream()
            .filter(r -> r.outcome() == Outcome.SKIPPED)
            .map(RemediationRecord::reason)
            .findFirst()
            .orElse(null);
    return switch (d.expect()) {
      case "corrected" ->
          new Row(
              d,
              found,
              after,
              restarted && resolved
                  ? "corrected: restarted, finding resolved"
                  : restarted ? "restarted, finding not resolved yet" : "not corrected yet",
              found && restarted && resolved);
      case "untouched" ->
          new Row(
              d,
              found,
              after,
              touched
                  ? "RESTARTED although policy forbids it"
                  : "left alone" + (skipped == null ? "" : " (" + skipped + ")"),
              found && !touched);
      default -> new Row(d, found, after, "reported; not fixed by a restart", found);
    };
  }

  List<Row> rows() {
    return rows;
  }

  /** Every drift found and handled as its scenario expects. */
  boolean allAsExpected() {
    return rows.stream().allMatch(Row::ok);
  }

  void print(PrintStream out) {
    out.println();
    out.printf("%-46s %-8s %-7s %-9s %s%n", "Seeded drift", "cluster", "rule", "found", "then");
    for (Row r : rows) {
      String subject =
          r.drift().subject().namespace().isEmpty()
              ? r.drift().subject().name()
              : r.drift().subject().namespace() + "/" + r.drift().subject().name();
      out.printf(
          "%-46s %-8s %-7s %-9s %s%s%n",
          truncate(r.drift().what() + " (" + subject + ")", 46),
          r.drift().cluster(),
          r.drift().code(),
          r.found() ? "in " + Math.max(0, r.after().toSeconds()) + " s" : "NO",
          r.outcome(),
          r.ok() ? "" : "  <-- not as expected");
    }
    out.println(
        allAsExpected()
            ? "Every seeded drift was found and handled as expected."
            : "Some seeded drift was not found or not handled as expected (see above).");
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
