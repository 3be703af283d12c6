package io.meshwarden.reconciler.remediation;

import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.RemediationRecord;
import java.io.PrintStream;

/** {@code --dry-run}: prints each record and finding as one line instead of publishing it. */
final class PrintingRecordSink implements RecordSink {

  private final PrintStream out;

  PrintingRecordSink(PrintStream out) {
    this.out = out;
  }

  @Override
  public void record(RemediationRecord r) {
    out.printf(
        "dry-run: %s %s %s: %s (%s)%n",
        r.outcome(),
        r.target().kind(),
        r.target().namespace() + "/" + r.target().name(),
        r.message(),
        r.reason());
  }

  @Override
  public void finding(Finding f) {
    out.printf(
        "dry-run: finding %s %s %s: %s%n", f.code(), f.state(), f.subject().key(), f.message());
  }

  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void close() {
    out.flush();
  }
}
