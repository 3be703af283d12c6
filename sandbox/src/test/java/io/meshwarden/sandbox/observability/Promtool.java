package io.meshwarden.sandbox.observability;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code promtool}; tests skip (with the reason) where it is not installed. */
final class Promtool {

  static final Path BINARY = Path.of("/usr/bin/promtool");

  /** Exit code and combined output of one run. */
  record Result(int exitCode, String output) {}

  private Promtool() {}

  static void assumeInstalled() {
    assumeTrue(
        Files.isExecutable(BINARY),
        "promtool is not installed (apt-get install prometheus; .ci/run does it): skipping");
  }

  static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    return runWithInput(workDir, null, args);
  }

  /** Runs promtool with {@code stdin} (may be null) as its standard input. */
  static Result runWithInput(Path workDir, String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("promtool " + args[0] + " did not finish in 60 s");
    }
    return new Result(p.exitValue(), out);
  }
}
