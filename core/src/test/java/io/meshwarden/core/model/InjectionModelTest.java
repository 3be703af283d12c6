package io.meshwarden.core.model;

import static io.meshwarden.core.fixtures.Fixtures.injector;
import static io.meshwarden.core.fixtures.Fixtures.namespace;
import static io.meshwarden.core.fixtures.Fixtures.pairs;
import static io.meshwarden.core.fixtures.Fixtures.selector;
import static io.meshwarden.core.fixtures.Fixtures.tag;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.core.fixtures.Fixtures;
import io.meshwarden.core.model.InjectionVerdict.Decision;
import io.meshwarden.core.model.InjectionVerdict.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of istio.md §1 (stage 1) and every stage-2 step, each beside a near miss, for revisions
 * running Istio 1.24 (the fixtures' {@code global.tag}); what changed with later releases is in
 * {@link InjectionErasTest}. Rows read: control plane, namespace name and labels, pod labels, pod
 * annotations, hostNetwork, then the expected decision, revision and reason.
 *
 * <p>Over 500 lines because it is one table, one formatted row per case, so each row can be checked
 * against the reference by eye; splitting it would scatter the table.
 */
class InjectionModelTest {

  /** Control planes the rows run against. */
  enum Plane {
    /** No control-plane objects at all: a default revision is assumed. */
    NONE,
    /** One unnamed revision, policy enabled. */
    DEFAULT_ONLY,
    /** Revisions 1-23 and 1-24; tag prod -> 1-24, tag default -> 1-23. */
    REVISIONED,
    /** Revision 1-24 only, no default tag: nothing serves istio-injection=enabled. */
    NO_DEFAULT,
    /** Unnamed revision with policy disabled, never {app=legacy}, always {tier=front}. */
    DISABLED_WITH_SELECTORS,
    /** Unnamed revision with policy enabled and never {app=legacy}. */
    ENABLED_WITH_NEVER,
    /** Unnamed revision with enableNamespacesByDefault. */
    BY_DEFAULT,
    /** Unnamed revision with a policy that is neither enabled nor disabled. */
    INVALID_POLICY;

    List<ObjectFacts> facts() {
      return switch (this) {
        case NONE -> List.of();
        case DEFAULT_ONLY -> List.of(injector("default").build());
        case REVISIONED ->
            List.of(
                injector("1-23").build(),
                injector("1-24").build(),
                tag("prod", "1-24"),
                tag("default", "1-23"));
        case NO_DEFAULT -> List.of(injector("1-24").build());
        case DISABLED_WITH_SELECTORS ->
            List.of(
                injector("default")
                    .policy("disabled")
                    .never(selector("app", "legacy"))
                    .always(selector("tier", "front"))
                    .build());
        case ENABLED_WITH_NEVER ->
            List.of(injector("default").never(selector("app", "legacy")).build());
        case BY_DEFAULT -> List.of(injector("default").enableNamespacesByDefault().build());
        case INVALID_POLICY -> List.of(injector("default").policy("sometimes").build());
      };
    }
  }

  static Stream<Arguments> rows() {
    String[] none = {};
    String[] enabled = {"istio-injection", "enabled"};
    return Stream.of(
        // Stage 1, istio-injection=enabled: the default revision, pod istio.io/rev ignored.
        row(
            "injection=enabled injects default",
            Plane.DEFAULT_ONLY,
            "shop",
            enabled,
            none,
            none,
            false,
            Decision.INJECT,
            "default",
            Reason.POLICY_ENABLED),
        row(
            "injection=enabled ignores pod rev, default tag serves it",
            Plane.REVISIONED,
            "shop",
            enabled,
            l("istio.io/rev", "1-24"),
            none,
            false,
            Decision.INJECT,
            "1-23",
            Reason.POLICY_ENABLED),
        row(
            "injection=enabled, pod label false is not called",
            Plane.DEFAULT_ONLY,
            "shop",
            enabled,
            l("sidecar.istio.io/inject", "false"),
            none,
            false,
            Decision.SKIP,
            null,
            Reason.POD_LABEL_FALSE),
        row(
            "injection=enabled, pod label 'maybe' is called, means no before 1.27",
            Plane.DEFAULT_ONLY,
            "shop",
            enabled,
            l("sidecar.istio.io/inject", "maybe"),
            none,
            false,
            Decision.SKIP,
            "default",
            Reason.LABEL_OTHER),
        row(
            "injection=enabled without default revision",
            Plane.NO_DEFAULT,
            "shop",
            enabled,
            none,
            none,
            false,
            Decision.SKIP,
            null,
            Reason.NO_DEFAULT_REVISION),
        row(
            "injection=enabled, no control plane known",
            Plane.NONE,
            "shop",
            enabled,
            none,
            none,
            false,
            Decision.INJECT,
            null,
            Reason.POLICY_ENABLED),
        // Stage 1, istio-injection = any other value: nobody.
        row(
            "injection=disabled beats pod label true",
            Plane.DEFAULT_ONLY,
            "shop",
            l("istio-injection", "disabled"),
            l("sidecar.istio.io/inject", "true"),
            none,
            false,
            Decision.SKIP,
            null,
            Reason.NAMESPACE_INJECTION_NOT_ENABLED),
        row(
            "injection=Enabled (case) is not enabled",
            Plane.DEFAULT_ONLY,
            "shop",
            l("istio-injection", "Enabled"),
            none,
            none,
            false,
            Decision.SKIP,
            null,
            Reason.NAMESPACE_INJECTION_NOT_ENABLED),
        // Stage 1, namespace istio.io/rev=R.
        row(
            "ns rev names a revision",
            Plane.REVISIONED,
            "shop",
            l("istio.io/rev", "1-24"),
            none,
            none,
            false,
            Decision.INJECT,
            "1-24",
            Reason.POLICY_ENABLED),
        row(
            "ns rev names a tag",
            Plane.REVISIONED,
            "shop",
            l("istio.io/rev", "prod"),
            none,
            none,
            false,
            Decision.INJECT,
            "1-24",
            Reason.POLICY_ENABLED),
        row(
            "ns rev default tag",
            Plane.REVISIONED,
            "shop",
            l("istio.io/rev", "default"),
            none,
            none,
            false,
            Decision.INJECT,
            "1-23",
            Reason.POLICY_ENABLED),
        row(
            "ns rev ignores pod rev",
            Plane.REVISIONED,
            "shop",
            l("istio.io/rev", "1-24"),
            l("istio.io/rev", "1-23"),
            none,
            false,
            Decision.INJECT,
            "1-24",
            Reason.POLICY_ENABLED),
        row(
            "ns rev, pod label false",
            Plane.REVISIONED,
            "shop",
            l("istio.io/rev", "1-24"),
            l("sidecar.istio.io/inject", "false"),
            none,
            false,
            Decision.SKIP,
            null,
            Reason.POD_LABEL_FALSE),
        row(
            "ns rev unknown",
            Plane.REVISIONED,
            "shop",
            l("istio.io/rev", "canary"),
            none,
            none,
            false,
            Decision.SKIP,
            null,
            Reason.UNKNOWN_REVISION),
        row(
            "ns rev, no control plane known",
            Plane.NONE,
            "shop",
            l("istio.io/rev", "prod"),
            none,
            none,
            false,
            Decision.INJECT,
            null,
            Reason.POLICY_ENABLED),
        row(
            "both labels: istio-injection wins",
            Plane.REVISIONED,
            "shop",
            l("istio-injection", "enabled", "istio.io/rev", "1-24"),
            none,
            none,
            false,
            Decision.INJECT,
            "1-23",
            Reason.POLICY_ENABLED),
        row(
            "both labels: istio-injection=disabled wins",
            Plane.REVISIONED,
            "shop",
            l("istio-injection", "disabled", "istio.io/rev", "1-24"),
            none,
            none,
            false,
            Decision.SKIP,
            null,
            Reason.NAMESPACE_INJECTION_NOT_ENABLED),
        // Stage 1, neither namespace label.
        row(
            "pod rev label",
            Plane.REVISIONED,
            "shop",
            none,
            l("istio.io/rev", "1-24"),
            none,
            false,
            Decision.INJECT,
            "1-24",
            Reason.POLICY_ENABLED),
        row(
            "pod rev label names a tag",
            Plane.REVISIONED,
            "shop",
            none,
            l("istio.io/rev", "prod"),
            none,
            false,
            Decision.INJECT,
            "1-24",
            Reason.POLICY_ENABLED),
        row(
            "pod rev label unknown",
            Plane.REVISIONED,
            "shop",
            none,
            l("istio.io/rev", "canary"),
            none,
            false,
            Decision.SKIP,
            null,
            Reason.UNKNOWN_REVISION),
        row(
            "pod inject=true label, default revision",
            Plane.REVISIONED,
            "shop",
            none,
            l("sidecar.istio.io/inject", "true"),
            none,
            false,
            Decision.INJECT,
            "1-23",
            Reason.LABEL_TRUE),
        row(
            "pod inject=true label, no default revision",
            Plane.NO_DEFAULT,
            "shop",
            none,
            l("sidecar.istio.io/inject", "true"),
            none,
            false,
            Decision.SKIP,
            null,
            Reason.NO_DEFAULT_REVISION),
        row(
            "pod annotation only: webhook not called",
            Plane.DEFAULT_ONLY,
            "shop",
            none,
            none,
            l("sidecar.istio.io/inject", "true"),
            false,
            Decision.SKIP,
            null,
            Reason.ANNOTATION_ONLY),
        row(
            "nothing asks",
            Plane.DEFAULT_ONLY,
            "shop",
            none,
            none,
            none,
            false,
            Decision.SKIP,
            null,
            Reason.NOT_REQUESTED),
        row(
            "enableNamespacesByDefault injects unlabelled",
            Plane.BY_DEFAULT,
            "shop",
            none,
            none,
            none,
            false,
            Decision.INJECT,
            "default",
            Reason.POLICY_ENABLED),
        row(
            "enableNamespacesByDefault skips kube-system",
            Plane.BY_DEFAULT,
            "kube-system",
            none,
            none,
            none,
            false,
            Decision.SKIP,
            null,
            Reason.NOT_REQUESTED),
        row(
            "enableNamespacesByDefault skips local-path-storage",
            Plane.BY_DEFAULT,
            "local-path-storage",
            none,
            none,
            none,
            false,
            Decision.SKIP,
            null,
            Reason.NOT_REQUESTED),
        row(
            "enableNamespacesByDefault, pod label false",
            Plane.BY_DEFAULT,
            "shop",
            none,
            l("sidecar.istio.io/inject", "false"),
            none,
            false,
            Decision.SKIP,
            null,
            Reason.POD_LABEL_FALSE),
        // Stage 2, step 1 and 2.
        row(
            "hostNetwork never injected",
            Plane.DEFAULT_ONLY,
            "shop",
            enabled,
            none,
            none,
            true,
            Decision.SKIP,
            "default",
            Reason.HOST_NETWORK),
        row(
            "kube-system excluded at stage 2",
            Plane.DEFAULT_ONLY,
            "kube-system",
            enabled,
            none,
            none,
            false,
            Decision.SKIP,
            "default",
            Reason.EXCLUDED_NAMESPACE),
        row(
            "istio-system is not excluded",
            Plane.DEFAULT_ONLY,
            "istio-system",
            enabled,
            none,
            none,
            false,
            Decision.INJECT,
            "default",
            Reason.POLICY_ENABLED),
        // Stage 2, step 3: explicit choice; label beats annotation.
        row(
            "label true beats annotation false",
            Plane.DISABLED_WITH_SELECTORS,
            "shop",
            enabled,
            l("sidecar.istio.io/inject", "true"),
            l("sidecar.istio.io/inject", "false"),
            false,
            Decision.INJECT,
            "default",
            Reason.LABEL_TRUE),
        row(
            "annotation false opts out",
            Plane.DEFAULT_ONLY,
            "shop",
            enabled,
            none,
            l("sidecar.istio.io/inject", "false"),
            false,
            Decision.SKIP,
            "default",
            Reason.ANNOTATION_FALSE),
        row(
            "annotation true under policy disabled",
            Plane.DISABLED_WITH_SELECTORS,
            "shop",
            enabled,
            none,
            l("sidecar.istio.io/inject", "true"),
            false,
            Decision.INJECT,
            "default",
            Reason.ANNOTATION_TRUE),
        row(
            "label 'yes' injects before 1.27, even under policy disabled",
            Plane.DISABLED_WITH_SELECTORS,
            "shop",
            enabled,
            l("sidecar.istio.io/inject", "yes"),
            none,
            false,
            Decision.INJECT,
            "default",
            Reason.LABEL_YES),
        row(
            "label 'yes' hides annotation true",
            Plane.DISABLED_WITH_SELECTORS,
            "shop",
            enabled,
            l("sidecar.istio.io/inject", "yes"),
            l("sidecar.istio.io/inject", "true"),
            false,
            Decision.INJECT,
            "default",
            Reason.LABEL_YES),
        // Stage 2, step 4: selectors.
        row(
            "never selector matches",
            Plane.ENABLED_WITH_NEVER,
            "shop",
            enabled,
            l("app", "legacy"),
            none,
            false,
            Decision.SKIP,
            "default",
            Reason.NEVER_SELECTOR),
        row(
            "never selector misses",
            Plane.ENABLED_WITH_NEVER,
            "shop",
            enabled,
            l("app", "web"),
            none,
            false,
            Decision.INJECT,
            "default",
            Reason.POLICY_ENABLED),
        row(
            "explicit label beats never selector",
            Plane.ENABLED_WITH_NEVER,
            "shop",
            enabled,
            l("app", "legacy", "sidecar.istio.io/inject", "true"),
            none,
            false,
            Decision.INJECT,
            "default",
            Reason.LABEL_TRUE),
        row(
            "always selector under policy disabled",
            Plane.DISABLED_WITH_SELECTORS,
            "shop",
            enabled,
            l("tier", "front"),
            none,
            false,
            Decision.INJECT,
            "default",
            Reason.ALWAYS_SELECTOR),
        row(
            "never beats always",
            Plane.DISABLED_WITH_SELECTORS,
            "shop",
            enabled,
            l("tier", "front", "app", "legacy"),
            none,
            false,
            Decision.SKIP,
            "default",
            Reason.NEVER_SELECTOR),
        // Stage 2, step 5: policy.
        row(
            "policy disabled without explicit choice",
            Plane.DISABLED_WITH_SELECTORS,
            "shop",
            enabled,
            l("tier", "back"),
            none,
            false,
            Decision.SKIP,
            "default",
            Reason.POLICY_DISABLED),
        row(
            "policy neither enabled nor disabled",
            Plane.INVALID_POLICY,
            "shop",
            enabled,
            none,
            none,
            false,
            Decision.SKIP,
            "default",
            Reason.POLICY_INVALID),
        row(
            "invalid policy, explicit true injects nothing either",
            Plane.INVALID_POLICY,
            "shop",
            enabled,
            l("sidecar.istio.io/inject", "true"),
            none,
            false,
            Decision.SKIP,
            "default",
            Reason.POLICY_INVALID));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void decidesAsIstioWould(
      String name,
      Plane plane,
      String ns,
      String[] nsLabels,
      String[] podLabels,
      String[] podAnnotations,
      boolean hostNetwork,
      Decision decision,
      String revision,
      Reason reason) {
    List<ObjectFacts> facts = new ArrayList<>(plane.facts());
    facts.add(namespace(ns, nsLabels));
    MeshView mesh = new MeshViewBuilder(Fixtures.NOW).addAll(facts).build();
    PodShape pod = shape(ns, pairs(podLabels), pairs(podAnnotations), hostNetwork);

    InjectionVerdict v = InjectionModel.verdict(pod, mesh);

    assertThat(v.decision()).as("decision").isEqualTo(decision);
    assertThat(v.reason()).as("reason").isEqualTo(reason);
    if (decision == Decision.INJECT) {
      assertThat(v.revision()).as("revision").isEqualTo(revision);
    }
  }

  @ParameterizedTest(name = "namespace absent, hostNetwork={0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void staysUnknownWithoutTheNamespaceUnlessHostNetworkDecides(boolean hostNetwork) {
    MeshView mesh = new MeshViewBuilder(Fixtures.NOW).add(injector("default").build()).build();

    InjectionVerdict v =
        InjectionModel.verdict(shape("elsewhere", Map.of(), Map.of(), hostNetwork), mesh);

    assertThat(v.decision()).isEqualTo(hostNetwork ? Decision.SKIP : Decision.UNKNOWN);
  }

  private static PodShape shape(
      String ns, Map<String, String> labels, Map<String, String> annotations, boolean hostNetwork) {
    return new PodShape(
        ns,
        labels,
        annotations,
        new io.meshwarden.common.protocol.PodSpecFacts(null, null, hostNetwork, null, null, null));
  }

  private static String[] l(String... kv) {
    return kv;
  }

  private static Arguments row(
      String name,
      Plane plane,
      String ns,
      String[] nsLabels,
      String[] podLabels,
      String[] podAnnotations,
      boolean hostNetwork,
      Decision decision,
      String revision,
      Reason reason) {
    return Arguments.of(
        name,
        plane,
        ns,
        nsLabels,
        podLabels,
        podAnnotations,
        hostNetwork,
        decision,
        revision,
        reason);
  }
}
