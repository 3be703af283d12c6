package io.meshwarden.sandbox.observability;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshwarden.sandbox.RunningSandbox;
import io.meshwarden.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The faulty sandbox run: the built-in scenarios, with faults that each alert rule reachable in a
 * short run is there to catch.
 *
 * <ul>
 *   <li>prod-eu: its API refuses every restart patch (403, as RBAC would) and its executor's
 *       breaker opens on the first failure (the scenario's {@code remediation.executor} section),
 *       so the next request is refused {@code circuit-open}; an unreadable record on its objects
 *       topic and one on its remediation request topic are dead-lettered by its reconciler and its
 *       executor.
 *   <li>prod-us: once a watcher leads, its API refuses every Lease read and write, so the leader's
 *       renewals fail and nobody can take over; one of its reconciler instances has stopped.
 *   <li>alerting: every alert also goes to webhook receiver {@value #FAILING_RECEIVER} at a port
 *       nobody listens on; an unreadable record on the findings topic and one on the remediation
 *       audit topic are dead-lettered.
 * </ul>
 */
final class FaultyRun {

  /** The receiver whose every delivery fails. */
  static final String FAILING_RECEIVER = "also-notify-1";

  static final String BREAKER_CLUSTER = "prod-eu";
  static final String LEADERLESS_CLUSTER = "prod-us";

  private static final byte[] POISON = "not a meshwarden record".getBytes(StandardCharsets.UTF_8);

  /**
   * What the roles' own {@code /metrics} show once every fault has had its effect: instance name
   * pattern to a line one of them must export.
   */
  private static final List<Evidence> EVIDENCE = evidence();

  /**
   * A line matching {@code line} in the scrape of an instance whose name matches {@code instance}.
   */
  private record Evidence(Pattern instance, Pattern line) {}

  private FaultyRun() {}

  /** The default clusters, prod-eu's breaker opening at one failure, alerts also sent nowhere. */
  static SandboxOptions options(Path dir) {
    writeScenarioWithBreakerAtOneFailure(dir, BREAKER_CLUSTER);
    return RunningSandbox.defaults()
        .withScenarioDir(dir)
        .withAlsoNotify(List.of(URI.create("http://127.0.0.1:" + closedPort() + "/alerts")));
  }

  /**
   * Injects every fault; returns once the Lease fault is in place (it waits for a leader of
   * prod-us, so that leadership is lost rather than never won).
   */
  static void inject(RunningSandbox sandbox) {
    sandbox
        .faults(BREAKER_CLUSTER)
        .apiError(403, Set.of("patch"), "deployments", Duration.ofHours(1), false);
    sandbox.send(sandbox.objectsTopic(BREAKER_CLUSTER), "poison", POISON);
    sandbox.send(sandbox.remediationRequestsTopic(BREAKER_CLUSTER), "poison", POISON);
    sandbox.send(sandbox.findingsTopic(), "poison", POISON);
    sandbox.send(sandbox.remediationsTopic(), "poison", POISON);
    sandbox.stopReconciler(LEADERLESS_CLUSTER);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> !sandbox.leader(LEADERLESS_CLUSTER).equals("(electing)"));
    sandbox
        .faults(LEADERLESS_CLUSTER)
        .apiError(500, Set.of("get", "create", "update"), "leases", Duration.ofHours(1), false);
  }

  /** Whether the scrapes (instance name to text) show every fault's effect. */
  static boolean settled(Map<String, String> scrapes) {
    return EVIDENCE.stream()
        .allMatch(
            e ->
                scrapes.entrySet().stream()
                    .anyMatch(
                        s ->
                            e.instance().matcher(s.getKey()).matches()
                                && e.line().matcher(s.getValue()).find()));
  }

  private static List<Evidence> evidence() {
    List<Evidence> e = new java.util.ArrayList<>();
    e.add(
        new Evidence(
            instance("prod-eu-reconciler-.*"),
            line("meshwarden_reconciler_dead_letters_total\\{")));
    e.add(
        new Evidence(
            instance("prod-eu-executor"), line("meshwarden_remediation_dead_letters_total\\{")));
    e.add(
        new Evidence(
            instance("prod-eu-executor"),
            line("meshwarden_remediation_total\\{[^}]*reason=\"circuit-open\"[^}]*\\} [1-9]")));
    e.add(
        new Evidence(
            instance("alerting"),
            line("meshwarden_alerting_findings_unreadable_total(\\{.*\\})? [1-9]")));
    e.add(
        new Evidence(
            instance("alerting"),
            line("meshwarden_alerting_remediations_unreadable_total(\\{.*\\})? [1-9]")));
    e.add(
        new Evidence(
            instance("alerting"),
            line(
                "meshwarden_alerting_notifications_failed_total\\{receiver=\""
                    + FAILING_RECEIVER
                    + "\".*\\} [1-9]")));
    e.add(
        new Evidence(
            instance("prod-us-reconciler-.*"),
            line("meshwarden_reconciler_streams_state\\{state=\"NOT_RUNNING\"\\} 1")));
    return List.copyOf(e);
  }

  private static Pattern instance(String regex) {
    return Pattern.compile(regex);
  }

  private static Pattern line(String regex) {
    return Pattern.compile("^" + regex, Pattern.MULTILINE);
  }

  /** {@code dir/<cluster>.yaml}: the built-in scenario with a breaker that opens at 1 failure. */
  @SuppressWarnings("unchecked")
  private static void writeScenarioWithBreakerAtOneFailure(Path dir, String cluster) {
    YAMLMapper yaml = new YAMLMapper();
    try (InputStream in =
        RunningSandbox.class.getResourceAsStream("/sandbox/scenarios/" + cluster + ".yaml")) {
      Map<String, Object> scenario = yaml.readValue(in, Map.class);
      Map<String, Object> remediation =
          (Map<String, Object>) scenario.computeIfAbsent("remediation", k -> new LinkedHashMap<>());
      remediation.put("executor", Map.of("breakerThreshold", 1, "breakerWindow", "10m"));
      yaml.writeValue(dir.resolve(cluster + ".yaml").toFile(), scenario);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the faulty scenario of " + cluster, e);
    }
  }

  /** A loopback port nobody listens on (just released by this JVM). */
  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
