package io.meshwarden.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A sandbox for tests outside this package: starts the two default clusters and exposes what the
 * sandbox prints (every role instance's {@code /metrics} URL) without widening {@link Sandbox}.
 */
public final class RunningSandbox implements AutoCloseable {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final Sandbox sandbox;

  private RunningSandbox() {
    this.sandbox =
        Sandbox.start(
            new SandboxOptions(List.of("prod-eu", "prod-us"), 0),
            new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  /** Starts the sandbox's two clusters ({@code prod-eu}, {@code prod-us}) and every role. */
  public static RunningSandbox start() {
    return new RunningSandbox();
  }

  /** Role instance (such as {@code prod-eu-watcher-0} or {@code alerting}) to its metrics URL. */
  public Map<String, String> metricsUrls() {
    return Map.copyOf(sandbox.metricsUrls());
  }

  /** The names of the simulated clusters. */
  public List<String> clusters() {
    return List.copyOf(sandbox.clusters().keySet());
  }

  /** What the sandbox printed so far (alerts, status). */
  public String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
