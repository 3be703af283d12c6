package io.meshwarden.core.remediation;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.core.policy.CronExpression;
import io.meshwarden.core.policy.InjectionPolicy;
import io.meshwarden.core.policy.MaintenanceWindow;
import io.meshwarden.core.policy.RemediationSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The guards as a table: each case beside its near miss. */
class GuardsTest {

  static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  /** A case: a name, a change to the default input, and the decision it must give. */
  static Arguments row(String name, UnaryOperator<In> change, String expected) {
    return Arguments.of(name, change, expected);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        row("all clear", in -> in, "act"),
        row("drift gone", in -> in.drift(null), "SKIPPED resolved"),
        row("no policy", in -> in.policy(null), "SKIPPED no-policy"),
        row("audit mode", in -> in.mode(InjectionPolicy.Mode.AUDIT), "SKIPPED audit-mode"),
        row("namespace opts out", in -> in.nsAnnotation("false"), "SKIPPED opted-out"),
        row("namespace opts in (near miss)", in -> in.nsAnnotation("true"), "act"),
        row("workload opts out", in -> in.workloadAnnotation("false"), "SKIPPED opted-out"),
        row("excluded", in -> in.settings(s -> s.exclude("web")), "SKIPPED excluded"),
        row("excluded elsewhere (near miss)", in -> in.settings(s -> s.exclude("pay/web")), "act"),
        row("breaker open", in -> in.breaker(true), "HALTED circuit-open"),
        row(
            "window closed",
            in -> in.settings(s -> s.window("0 2 * * *")),
            "SKIPPED window-closed"),
        row("window open (near miss)", in -> in.settings(s -> s.window("0 11 * * *")), "act"),
        row("in cooldown", in -> in.restartedAt(NOW.minusSeconds(60)), "SKIPPED cooldown"),
        row("cooled down (near miss)", in -> in.restartedAt(NOW.minusSeconds(601)), "act"),
        row("pod not ready", in -> in.podReady(false), "SKIPPED rollout-in-progress"),
        row("status not settled", in -> in.statusSettled(false), "SKIPPED rollout-in-progress"),
        row("pdb allows none", in -> in.disruptions(0), "SKIPPED pdb-allows-no-disruption"),
        row("pdb allows one (near miss)", in -> in.disruptions(1), "act"),
        row("injector down", in -> in.injector("no ready istiod"), "SKIPPED injector-unhealthy"),
        row("cluster limit", in -> in.inFlight(1, 0), "defer"),
        row("namespace limit", in -> in.settings(s -> s.limits(3, 1)).inFlight(1, 1), "defer"),
        row(
            "under both limits (near miss)",
            in -> in.settings(s -> s.limits(3, 2)).inFlight(1, 1),
            "act"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void decides(String name, UnaryOperator<In> change, String expected) {
    Decision d = Guards.decide(change.apply(new In()).build());

    String actual =
        d instanceof Decision.Finish f
            ? f.outcome() + " " + f.reason().code()
            : d instanceof Decision.Defer ? "defer" : "act";
    assertThat(actual).isEqualTo(expected);
  }

  /** A mutable builder of guard input with everything clear by default. */
  static final class In {
    String drift = "pod web-1 has no sidecar";
    InjectionPolicy.Mode mode = InjectionPolicy.Mode.ENFORCE;
    boolean hasPolicy = true;
    Map<String, String> nsAnnotations = new HashMap<>();
    Map<String, String> annotations = new HashMap<>();
    Settings settings = new Settings();
    boolean breaker;
    Instant restartedAt;
    boolean podReady = true;
    boolean statusSettled = true;
    Integer disruptions;
    String injector;
    int inFlight;
    int inFlightNs;

    In drift(String v) {
      drift = v;
      return this;
    }

    In policy(Object none) {
      hasPolicy = false;
      return this;
    }

    In mode(InjectionPolicy.Mode v) {
      mode = v;
      return this;
    }

    In nsAnnotation(String v) {
      nsAnnotations.put(Annotations.OPT_OUT, v);
      return this;
    }

    In workloadAnnotation(String v) {
      annotations.put(Annotations.OPT_OUT, v);
      return this;
    }

    In settings(UnaryOperator<Settings> f) {
      settings = f.apply(settings);
      return this;
    }

    In breaker(boolean v) {
      breaker = v;
      return this;
    }

    In restartedAt(Instant v) {
      restartedAt = v;
      return this;
    }

    In podReady(boolean v) {
      podReady = v;
      return this;
    }

    In statusSettled(boolean v) {
      statusSettled = v;
      return this;
    }

    In disruptions(int v) {
      disruptions = v;
      return this;
    }

    In injector(String v) {
      injector = v;
      return this;
    }

    In inFlight(int all, int ns) {
      inFlight = all;
      inFlightNs = ns;
      return this;
    }

    Guards.Input build() {
      Map<String, String> template = new HashMap<>();
      Map<String, String> podAnnotations = new HashMap<>();
      if (restartedAt != null) {
        template.put(Annotations.RESTARTED_AT, restartedAt.toString());
        podAnnotations.put(Annotations.RESTARTED_AT, restartedAt.toString());
      }
      RolloutState w =
          new RolloutState(
              new ObjectRef("Deployment", "shop", "web", "uid"),
              "7",
              Map.of("app", "web"),
              annotations,
              template,
              1,
              List.of(new PodRollout("web-1", true, podReady, podAnnotations)),
              Map.of(),
              nsAnnotations,
              disruptions,
              statusSettled);
      InjectionPolicy policy =
          new InjectionPolicy(
              "p",
              1,
              LabelSelector.EVERYTHING,
              LabelSelector.EVERYTHING,
              true,
              null,
              mode,
              settings.build(),
              InjectionPolicy.Alerting.NONE,
              null);
      return new Guards.Input(
          "req-1",
          w,
          hasPolicy ? Optional.of(policy) : Optional.empty(),
          "1-24-0",
          Optional.ofNullable(drift),
          Optional.ofNullable(injector),
          breaker,
          null,
          inFlight,
          inFlightNs,
          NOW);
    }
  }

  /** Remediation settings with overrides. */
  static final class Settings {
    int max = 1;
    int perNs = 1;
    List<MaintenanceWindow> windows = List.of();
    List<String> excludes = List.of();

    Settings exclude(String pattern) {
      excludes = List.of(pattern);
      return this;
    }

    Settings limits(int all, int ns) {
      max = all;
      perNs = ns;
      return this;
    }

    Settings window(String cron) {
      windows =
          List.of(
              new MaintenanceWindow(
                  CronExpression.parse(cron), Duration.ofHours(2), ZoneOffset.UTC));
      return this;
    }

    RemediationSettings build() {
      return new RemediationSettings(
          max, perNs, false, 1, Duration.ZERO, Duration.ofMinutes(10), windows, excludes);
    }
  }
}
