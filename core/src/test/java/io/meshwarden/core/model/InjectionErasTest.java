package io.meshwarden.core.model;

import static io.meshwarden.core.fixtures.Fixtures.injector;
import static io.meshwarden.core.fixtures.Fixtures.namespace;
import static io.meshwarden.core.fixtures.Fixtures.pairs;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.InjectorConfigFacts;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.LabelSelector.Requirement;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.PodSpecFacts;
import io.meshwarden.core.fixtures.Fixtures;
import io.meshwarden.core.model.InjectionVerdict.Decision;
import io.meshwarden.core.model.InjectionVerdict.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The version-dependent parts of istio.md §1, one case per era: the same pod judged by a revision
 * running 1.26.4 (the last release before the change of the {@code sidecar.istio.io/inject} values)
 * and by one running 1.27.0, plus the parts that hold in both eras but are easy to get wrong
 * (policy missing, selectors with matchExpressions, invalid and empty selectors, ignored
 * namespaces). Each case names the outcome for each era.
 */
class InjectionErasTest {

  static final String OLD = "1.26.4";
  static final String NEW = "1.27.0";
  static final String[] ENABLED = {"istio-injection", "enabled"};
  static final String[] NONE = {};

  /** Injector settings of the one revision-less revision a case runs against. */
  record Injector(String policy, List<LabelSelector> never, List<LabelSelector> always) {
    static Injector enabled() {
      return new Injector("enabled", List.of(), List.of());
    }

    static Injector disabled() {
      return new Injector("disabled", List.of(), List.of());
    }

    Injector never(LabelSelector s) {
      return new Injector(policy, List.of(s), always);
    }

    Injector always(LabelSelector s) {
      return new Injector(policy, never, List.of(s));
    }

    InjectorConfigFacts facts(String tag) {
      Fixtures.InjectorBuilder b =
          injector("default").image("docker.io/istio", null, tag, null).policy(policy);
      InjectorConfigFacts f = b.build();
      return new InjectorConfigFacts(
          null,
          null,
          f.meta(),
          f.revision(),
          f.policy(),
          never,
          always,
          f.enableNamespacesByDefault(),
          f.hub(),
          f.tag(),
          f.proxyImage(),
          f.variant(),
          f.rewriteAppHTTPProbe(),
          f.nativeSidecar(),
          f.defaultTemplates());
    }
  }

  /** One pod judged in both eras. */
  record Case(
      String name,
      Injector injector,
      String namespace,
      String[] nsLabels,
      String[] podLabels,
      String[] podAnnotations,
      Decision before127,
      Reason reasonBefore,
      Decision from127,
      Reason reasonFrom) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case both(
      String name,
      Injector inj,
      String[] ns,
      String[] labels,
      String[] annotations,
      Decision d,
      Reason r) {
    return new Case(name, inj, "shop", ns, labels, annotations, d, r, d, r);
  }

  static Case eras(
      String name,
      Injector inj,
      String[] labels,
      String[] annotations,
      Decision old,
      Reason oldReason,
      Decision now,
      Reason nowReason) {
    return new Case(
        name, inj, "shop", ENABLED, labels, annotations, old, oldReason, now, nowReason);
  }

  static String[] l(String... kv) {
    return kv;
  }

  static LabelSelector expr(String key, String op, String... values) {
    return new LabelSelector(Map.of(), List.of(new Requirement(key, op, List.of(values))));
  }

  static Stream<Case> cases() {
    Injector on = Injector.enabled();
    Injector off = Injector.disabled();
    return Stream.of(
        // Step 3, the explicit value: changed by 1.27.0.
        eras(
            "label yes",
            on,
            l("sidecar.istio.io/inject", "yes"),
            NONE,
            Decision.INJECT,
            Reason.LABEL_YES,
            Decision.INJECT,
            Reason.POLICY_ENABLED),
        eras(
            "label yes under policy disabled",
            off,
            l("sidecar.istio.io/inject", "yes"),
            NONE,
            Decision.INJECT,
            Reason.LABEL_YES,
            Decision.SKIP,
            Reason.POLICY_DISABLED),
        eras(
            "label True (case) under policy disabled",
            off,
            l("sidecar.istio.io/inject", "True"),
            NONE,
            Decision.INJECT,
            Reason.LABEL_YES,
            Decision.SKIP,
            Reason.POLICY_DISABLED),
        eras(
            "label False is called (exact selector) and means no only before 1.27",
            on,
            l("sidecar.istio.io/inject", "False"),
            NONE,
            Decision.SKIP,
            Reason.LABEL_OTHER,
            Decision.INJECT,
            Reason.POLICY_ENABLED),
        eras(
            "label junk skips the always selector before 1.27",
            off.always(expr("tier", "In", "front")),
            l("sidecar.istio.io/inject", "maybe", "tier", "front"),
            NONE,
            Decision.SKIP,
            Reason.LABEL_OTHER,
            Decision.INJECT,
            Reason.ALWAYS_SELECTOR),
        eras(
            "annotation on under policy disabled",
            off,
            NONE,
            l("sidecar.istio.io/inject", "on"),
            Decision.INJECT,
            Reason.ANNOTATION_YES,
            Decision.SKIP,
            Reason.POLICY_DISABLED),
        eras(
            "annotation 0",
            on,
            NONE,
            l("sidecar.istio.io/inject", "0"),
            Decision.SKIP,
            Reason.ANNOTATION_OTHER,
            Decision.INJECT,
            Reason.POLICY_ENABLED),
        both(
            "label true",
            off,
            ENABLED,
            l("sidecar.istio.io/inject", "true"),
            NONE,
            Decision.INJECT,
            Reason.LABEL_TRUE),
        both(
            "annotation false",
            on,
            ENABLED,
            NONE,
            l("sidecar.istio.io/inject", "false"),
            Decision.SKIP,
            Reason.ANNOTATION_FALSE),
        both(
            "empty label hides annotation false: default path",
            on,
            ENABLED,
            l("sidecar.istio.io/inject", ""),
            l("sidecar.istio.io/inject", "false"),
            Decision.INJECT,
            Reason.POLICY_ENABLED),
        both(
            "label TRUE in an unlabelled namespace calls no webhook",
            on,
            NONE,
            l("sidecar.istio.io/inject", "TRUE"),
            NONE,
            Decision.SKIP,
            Reason.POD_LABEL_NOT_TRUE),
        // Step 5: the policy, missing or invalid, injects nothing, not even explicit true.
        both(
            "policy missing, label true",
            new Injector(null, List.of(), List.of()),
            ENABLED,
            l("sidecar.istio.io/inject", "true"),
            NONE,
            Decision.SKIP,
            Reason.POLICY_MISSING),
        both(
            "policy missing, no label",
            new Injector(null, List.of(), List.of()),
            ENABLED,
            NONE,
            NONE,
            Decision.SKIP,
            Reason.POLICY_MISSING),
        both(
            "policy Enabled (case) is invalid",
            new Injector("Enabled", List.of(), List.of()),
            ENABLED,
            NONE,
            NONE,
            Decision.SKIP,
            Reason.POLICY_INVALID),
        // Step 4: full label selectors over all of the pod's labels.
        both(
            "never In matches",
            on.never(expr("tier", "In", "batch", "cron")),
            ENABLED,
            l("tier", "cron", "team", "x"),
            NONE,
            Decision.SKIP,
            Reason.NEVER_SELECTOR),
        both(
            "never In misses",
            on.never(expr("tier", "In", "batch", "cron")),
            ENABLED,
            l("tier", "web"),
            NONE,
            Decision.INJECT,
            Reason.POLICY_ENABLED),
        both(
            "never Exists matches an empty value",
            on.never(expr("canary", "Exists")),
            ENABLED,
            l("canary", ""),
            NONE,
            Decision.SKIP,
            Reason.NEVER_SELECTOR),
        both(
            "never NotIn matches a pod without the key",
            on.never(expr("tier", "NotIn", "web")),
            ENABLED,
            l("app", "x"),
            NONE,
            Decision.SKIP,
            Reason.NEVER_SELECTOR),
        both(
            "never NotIn without values is invalid and skipped",
            on.never(expr("tier", "NotIn")),
            ENABLED,
            l("app", "x"),
            NONE,
            Decision.INJECT,
            Reason.POLICY_ENABLED),
        both(
            "never Exists with values is invalid and skipped",
            on.never(expr("app", "Exists", "x")),
            ENABLED,
            l("app", "x"),
            NONE,
            Decision.INJECT,
            Reason.POLICY_ENABLED),
        both(
            "never with operator Gt is invalid and skipped",
            on.never(expr("app", "Gt", "1")),
            ENABLED,
            l("app", "2"),
            NONE,
            Decision.INJECT,
            Reason.POLICY_ENABLED),
        both(
            "never with an invalid key is skipped",
            on.never(new LabelSelector(Map.of("bad key", "x"), List.of())),
            ENABLED,
            l("bad key", "x"),
            NONE,
            Decision.INJECT,
            Reason.POLICY_ENABLED),
        both(
            "never empty selector matches nothing",
            on.never(LabelSelector.EVERYTHING),
            ENABLED,
            l("app", "x"),
            NONE,
            Decision.INJECT,
            Reason.POLICY_ENABLED),
        both(
            "always DoesNotExist under policy disabled",
            off.always(expr("version", "DoesNotExist")),
            ENABLED,
            l("app", "x"),
            NONE,
            Decision.INJECT,
            Reason.ALWAYS_SELECTOR),
        both(
            "always DoesNotExist misses a labelled pod",
            off.always(expr("version", "DoesNotExist")),
            ENABLED,
            l("version", "v1"),
            NONE,
            Decision.SKIP,
            Reason.POLICY_DISABLED),
        // Step 2: the four ignored namespaces, not istio-system.
        new Case(
            "kube-system is ignored",
            on,
            "kube-system",
            ENABLED,
            NONE,
            NONE,
            Decision.SKIP,
            Reason.EXCLUDED_NAMESPACE,
            Decision.SKIP,
            Reason.EXCLUDED_NAMESPACE),
        new Case(
            "local-path-storage is ignored",
            on,
            "local-path-storage",
            ENABLED,
            l("sidecar.istio.io/inject", "true"),
            NONE,
            Decision.SKIP,
            Reason.EXCLUDED_NAMESPACE,
            Decision.SKIP,
            Reason.EXCLUDED_NAMESPACE),
        new Case(
            "istio-system is not ignored",
            on,
            "istio-system",
            ENABLED,
            NONE,
            NONE,
            Decision.INJECT,
            Reason.POLICY_ENABLED,
            Decision.INJECT,
            Reason.POLICY_ENABLED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void judgesByTheReleaseTheInjectingRevisionRuns(Case c) {
    assertVerdict(c, OLD, c.before127(), c.reasonBefore());
    assertVerdict(c, NEW, c.from127(), c.reasonFrom());
  }

  private static void assertVerdict(Case c, String tag, Decision decision, Reason reason) {
    List<ObjectFacts> facts = new ArrayList<>();
    facts.add(c.injector().facts(tag));
    facts.add(namespace(c.namespace(), c.nsLabels()));
    MeshView mesh = new MeshViewBuilder(Fixtures.NOW).addAll(facts).build();
    PodShape pod =
        new PodShape(
            c.namespace(),
            pairs(c.podLabels()),
            pairs(c.podAnnotations()),
            new PodSpecFacts(null, null, false, null, null, null));

    InjectionVerdict v = InjectionModel.verdict(pod, mesh);

    assertThat(v.decision()).as(tag + " decision").isEqualTo(decision);
    assertThat(v.reason()).as(tag + " reason").isEqualTo(reason);
    if (v.istioVersion() != null) {
      assertThat(v.istioVersion()).as("semantics").isEqualTo(IstioVersion.parse(tag).get());
    }
  }
}
