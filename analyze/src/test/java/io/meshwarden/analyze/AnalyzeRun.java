package io.meshwarden.analyze;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** One run of the command with captured output. */
record AnalyzeRun(int exitCode, String out, String err) {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T14:00:00Z"), ZoneOffset.UTC);

  static AnalyzeRun of(boolean colour, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        AnalyzeMain.run(
            args, new PrintWriter(out, true), new PrintWriter(err, true), CLOCK, colour);
    return new AnalyzeRun(code, out.toString(), err.toString());
  }

  static AnalyzeRun of(String... args) {
    return of(false, args);
  }
}
