package io.meshwarden.analyze;

import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.protocol.MeshKeys;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import picocli.CommandLine;

/**
 * Entry point of {@code ./meshwarden analyze}: wires the command by hand and exits with its code.
 * Colour is used only when standard output is a terminal and {@code NO_COLOR} is unset.
 */
public final class AnalyzeMain {

  static final String VERSION = "0.1.0";

  private AnalyzeMain() {}

  public static void main(String[] args) {
    boolean tty = System.console() != null && System.getenv("NO_COLOR") == null;
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err, Clock.systemUTC(), tty));
  }

  /** Runs the command; returns its exit code (2 for usage errors, as picocli does). */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, Clock clock, boolean colour) {
    CommandLine cli = new CommandLine(new AnalyzeCommand(clock, colour));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  static FactProjector projector(String cluster, Clock clock) {
    return new FactProjector(cluster, MeshKeys.standard(), clock);
  }
}
