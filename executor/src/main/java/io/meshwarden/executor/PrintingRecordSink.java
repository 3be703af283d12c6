package io.meshwarden.executor;

import io.meshwarden.common.kafka.DeadLetters;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.RemediationRecord;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

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
  public void deadLetter(String key, byte[] value, Headers headers) {
    out.printf(
        "dry-run: unreadable request %s-%s@%s (%s), not sent to the dead-letter topic: %s%n",
        header(headers, DeadLetters.TOPIC),
        header(headers, DeadLetters.PARTITION),
        header(headers, DeadLetters.OFFSET),
        header(headers, DeadLetters.REASON),
        header(headers, DeadLetters.ERROR));
  }

  private static String header(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
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
