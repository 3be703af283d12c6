package io.meshwarden.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.meshwarden.testkit.sim.inject.InjectionEraCases;
import io.meshwarden.testkit.sim.inject.InjectionPolicy;
import io.meshwarden.testkit.sim.inject.InjectorConfig;
import io.meshwarden.testkit.sim.inject.IstioWebhooks;
import io.meshwarden.testkit.sim.inject.PodMutator;
import io.meshwarden.testkit.sim.inject.Stage2Decision;
import io.meshwarden.testkit.sim.inject.WebhookCall;
import io.meshwarden.testkit.sim.inject.WebhookRouter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of istio.md §1 stage 1 and every stage-2 rule, with a near miss beside each hit. */
class InjectionTableTest {

  /** Revision 1-24 is default (through tag default), 1-25 a canary, tag "canary" → 1-25. */
  private static final List<MutatingWebhookConfiguration> WEBHOOKS =
      List.of(
          IstioWebhooks.configuration(
              "istio-sidecar-injector-1-24", "1-24", "1-24", null, false, false, "Fail"),
          IstioWebhooks.configuration(
              "istio-sidecar-injector-1-25", "1-25", "1-25", null, false, false, "Fail"),
          IstioWebhooks.configuration(
              "istio-revision-tag-default", "default", "1-24", "default", true, false, "Fail"),
          IstioWebhooks.configuration(
              "istio-revision-tag-canary", "canary", "1-25", "canary", false, false, "Fail"));

  private static final List<MutatingWebhookConfiguration> NO_DEFAULT = WEBHOOKS.subList(0, 2);

  private static final List<MutatingWebhookConfiguration> BY_DEFAULT =
      List.of(
          IstioWebhooks.configuration(
              "istio-sidecar-injector", "default", "default", null, true, true, "Fail"));

  static Stream<Arguments> stage1() {
    return Stream.of(
        // namespace labels, pod labels, webhooks, expected revision (null = nobody)
        row(
            "injection=enabled → default",
            Map.of("istio-injection", "enabled"),
            Map.of(),
            WEBHOOKS,
            "1-24"),
        row(
            "injection=enabled, pod rev label ignored",
            Map.of("istio-injection", "enabled"),
            Map.of("istio.io/rev", "1-25"),
            WEBHOOKS,
            "1-24"),
        row(
            "injection=enabled, pod inject=false",
            Map.of("istio-injection", "enabled"),
            Map.of("sidecar.istio.io/inject", "false"),
            WEBHOOKS,
            null),
        row(
            "injection=enabled, pod inject=true",
            Map.of("istio-injection", "enabled"),
            Map.of("sidecar.istio.io/inject", "true"),
            WEBHOOKS,
            "1-24"),
        row(
            "injection=enabled, no default revision",
            Map.of("istio-injection", "enabled"),
            Map.of(),
            NO_DEFAULT,
            null),
        row(
            "injection=disabled",
            Map.of("istio-injection", "disabled"),
            Map.of("istio.io/rev", "1-24"),
            WEBHOOKS,
            null),
        row(
            "injection=other value",
            Map.of("istio-injection", "yes"),
            Map.of("sidecar.istio.io/inject", "true"),
            WEBHOOKS,
            null),
        row("ns rev=1-25", Map.of("istio.io/rev", "1-25"), Map.of(), WEBHOOKS, "1-25"),
        row(
            "ns rev=tag canary → its revision",
            Map.of("istio.io/rev", "canary"),
            Map.of(),
            WEBHOOKS,
            "1-25"),
        row(
            "ns rev, pod rev ignored",
            Map.of("istio.io/rev", "1-25"),
            Map.of("istio.io/rev", "1-24"),
            WEBHOOKS,
            "1-25"),
        row(
            "ns rev, pod inject=false",
            Map.of("istio.io/rev", "1-25"),
            Map.of("sidecar.istio.io/inject", "false"),
            WEBHOOKS,
            null),
        row("ns rev of unknown revision", Map.of("istio.io/rev", "1-99"), Map.of(), WEBHOOKS, null),
        row(
            "both labels: istio-injection wins",
            Map.of("istio-injection", "enabled", "istio.io/rev", "1-25"),
            Map.of(),
            WEBHOOKS,
            "1-24"),
        row(
            "both labels, injection disabled",
            Map.of("istio-injection", "disabled", "istio.io/rev", "1-25"),
            Map.of(),
            WEBHOOKS,
            null),
        row("neither, pod rev=1-25", Map.of(), Map.of("istio.io/rev", "1-25"), WEBHOOKS, "1-25"),
        row(
            "neither, pod rev=tag canary",
            Map.of(),
            Map.of("istio.io/rev", "canary"),
            WEBHOOKS,
            "1-25"),
        row(
            "neither, pod rev, inject=false",
            Map.of(),
            Map.of("istio.io/rev", "1-25", "sidecar.istio.io/inject", "false"),
            WEBHOOKS,
            null),
        row(
            "neither, pod inject=true → default",
            Map.of(),
            Map.of("sidecar.istio.io/inject", "true"),
            WEBHOOKS,
            "1-24"),
        row(
            "neither, pod inject=true, no default",
            Map.of(),
            Map.of("sidecar.istio.io/inject", "true"),
            NO_DEFAULT,
            null),
        row("neither, nothing", Map.of(), Map.of(), WEBHOOKS, null),
        row("neither, enableNamespacesByDefault", Map.of(), Map.of(), BY_DEFAULT, "default"),
        row(
            "enableNamespacesByDefault, pod inject=false",
            Map.of(),
            Map.of("sidecar.istio.io/inject", "false"),
            BY_DEFAULT,
            null));
  }

  private static Arguments row(
      String name,
      Map<String, String> ns,
      Map<String, String> pod,
      List<MutatingWebhookConfiguration> hooks,
      String revision) {
    return Arguments.of(name, ns, pod, hooks, revision);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stage1")
  void stage1CallsTheWebhookOfTheDocumentedRevision(
      String name,
      Map<String, String> ns,
      Map<String, String> pod,
      List<MutatingWebhookConfiguration> hooks,
      String revision) {
    Optional<WebhookCall> call = WebhookRouter.route("shop", ns, pod, hooks);
    assertThat(call.map(WebhookCall::revision).orElse(null)).isEqualTo(revision);
  }

  @Test
  void stage1NeverCallsForAnInjectAnnotationAlone() {
    // The webhook reads labels only: the annotation never reaches stage 1.
    Pod pod = pod(Map.of(), Map.of("sidecar.istio.io/inject", "true"));
    assertThat(WebhookRouter.route("shop", Map.of(), pod.getMetadata().getLabels(), WEBHOOKS))
        .isEmpty();
  }

  @Test
  void enableNamespacesByDefaultSkipsExcludedNamespacesButNotIstioSystem() {
    assertThat(WebhookRouter.route("kube-system", Map.of(), Map.of(), BY_DEFAULT)).isEmpty();
    assertThat(WebhookRouter.route("local-path-storage", Map.of(), Map.of(), BY_DEFAULT)).isEmpty();
    assertThat(WebhookRouter.route("istio-system", Map.of(), Map.of(), BY_DEFAULT)).isPresent();
  }

  static Stream<Arguments> stage2() {
    InjectorConfig enabled = config("enabled", "", "");
    InjectorConfig disabled = config("disabled", "", "");
    InjectorConfig selectors =
        config("enabled", "[{matchLabels: {legacy: \"yes\"}}]", "[{matchLabels: {mesh: \"yes\"}}]");
    InjectorConfig disabledAlways = config("disabled", "", "[{matchLabels: {mesh: \"yes\"}}]");
    InjectorConfig off = config("off", "", "");
    return Stream.of(
        // name, pod labels, pod annotations, hostNetwork, namespace, config, expected
        Arguments.of(
            "1 hostNetwork",
            Map.of("sidecar.istio.io/inject", "true"),
            Map.of(),
            true,
            "shop",
            enabled,
            false),
        Arguments.of(
            "1 near miss: hostNetwork false", Map.of(), Map.of(), false, "shop", enabled, true),
        Arguments.of(
            "2 kube-system",
            Map.of("sidecar.istio.io/inject", "true"),
            Map.of(),
            false,
            "kube-system",
            enabled,
            false),
        Arguments.of(
            "2 kube-node-lease", Map.of(), Map.of(), false, "kube-node-lease", enabled, false),
        Arguments.of(
            "2 istio-system not excluded",
            Map.of(),
            Map.of(),
            false,
            "istio-system",
            enabled,
            true),
        Arguments.of(
            "3 label false beats policy enabled",
            Map.of("sidecar.istio.io/inject", "false"),
            Map.of(),
            false,
            "shop",
            enabled,
            false),
        Arguments.of(
            "3 label true beats policy disabled",
            Map.of("sidecar.istio.io/inject", "true"),
            Map.of(),
            false,
            "shop",
            disabled,
            true),
        Arguments.of(
            "3 label wins over annotation",
            Map.of("sidecar.istio.io/inject", "true"),
            Map.of("sidecar.istio.io/inject", "false"),
            false,
            "shop",
            enabled,
            true),
        Arguments.of(
            "3 annotation false when no label",
            Map.of(),
            Map.of("sidecar.istio.io/inject", "false"),
            false,
            "shop",
            enabled,
            false),
        Arguments.of(
            "3 annotation true under disabled",
            Map.of(),
            Map.of("sidecar.istio.io/inject", "true"),
            false,
            "shop",
            disabled,
            true),
        Arguments.of(
            "3 other value falls back to policy",
            Map.of("sidecar.istio.io/inject", "maybe"),
            Map.of(),
            false,
            "shop",
            disabled,
            false),
        Arguments.of(
            "3 explicit true skips neverInjectSelector",
            Map.of("legacy", "yes", "sidecar.istio.io/inject", "true"),
            Map.of(),
            false,
            "shop",
            selectors,
            true),
        Arguments.of(
            "4 neverInjectSelector",
            Map.of("legacy", "yes"),
            Map.of(),
            false,
            "shop",
            selectors,
            false),
        Arguments.of(
            "4 never before always",
            Map.of("legacy", "yes", "mesh", "yes"),
            Map.of(),
            false,
            "shop",
            selectors,
            false),
        Arguments.of(
            "4 near miss: never label other value",
            Map.of("legacy", "no"),
            Map.of(),
            false,
            "shop",
            selectors,
            true),
        Arguments.of(
            "4 alwaysInjectSelector under disabled",
            Map.of("mesh", "yes"),
            Map.of(),
            false,
            "shop",
            disabledAlways,
            true),
        Arguments.of("5 enabled", Map.of(), Map.of(), false, "shop", enabled, true),
        Arguments.of("5 disabled", Map.of(), Map.of(), false, "shop", disabled, false),
        Arguments.of(
            "5 other policy never, even explicit true",
            Map.of("sidecar.istio.io/inject", "true"),
            Map.of(),
            false,
            "shop",
            off,
            false),
        Arguments.of(
            "5 other policy without choice", Map.of(), Map.of(), false, "shop", off, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stage2")
  void stage2FollowsTheInjectorPolicyInOrder(
      String name,
      Map<String, String> labels,
      Map<String, String> annotations,
      boolean hostNetwork,
      String namespace,
      InjectorConfig config,
      boolean inject) {
    Pod pod = pod(labels, annotations);
    pod.getSpec().setHostNetwork(hostNetwork);
    Stage2Decision decision = InjectionPolicy.decide(pod, namespace, config);
    assertThat(decision.inject()).as(decision.rule()).isEqualTo(inject);
  }

  static List<InjectionEraCases> eras() {
    return InjectionEraCases.all();
  }

  /** The shared per-era table; the sandbox's cross-check runs meshwarden's model over it too. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("eras")
  void stage2FollowsTheReleaseTheRevisionRuns(InjectionEraCases c) {
    Pod pod = pod(c.labels(), c.annotations());

    Stage2Decision decision =
        InjectionPolicy.decide(pod, "shop", InjectorConfig.from(c.configMap()));

    assertThat(decision.inject()).as(decision.rule()).isEqualTo(c.inject());
  }

  @Test
  void injectedPodCarriesProxyStatusRevisionLabelsAndRewrittenProbes() {
    Pod pod = pod(Map.of("app", "web", "version", "v2"), Map.of());
    pod.getSpec()
        .getContainers()
        .get(0)
        .setReadinessProbe(
            new io.fabric8.kubernetes.api.model.ProbeBuilder()
                .withNewHttpGet()
                .withPath("/ready")
                .withPort(new IntOrString(8080))
                .endHttpGet()
                .withTimeoutSeconds(3)
                .build());
    pod.getSpec()
        .getContainers()
        .get(0)
        .setLivenessProbe(
            new io.fabric8.kubernetes.api.model.ProbeBuilder()
                .withNewTcpSocket()
                .withPort(new IntOrString(8080))
                .endTcpSocket()
                .build());
    Pod out = PodMutator.inject(pod, "1-24", config("enabled", "", ""), "web");

    assertThat(out.getSpec().getContainers())
        .extracting("name")
        .containsExactly("app", "istio-proxy");
    assertThat(out.getSpec().getContainers().get(1).getImage())
        .isEqualTo("docker.io/istio/proxyv2:1.24.0");
    assertThat(out.getSpec().getInitContainers()).extracting("name").containsExactly("istio-init");
    assertThat(out.getMetadata().getAnnotations().get("sidecar.istio.io/status"))
        .contains("\"revision\":\"1-24\"");
    assertThat(out.getMetadata().getAnnotations()).containsEntry("istio.io/rev", "1-24");
    assertThat(out.getMetadata().getLabels())
        .containsEntry("security.istio.io/tlsMode", "istio")
        .containsEntry("service.istio.io/canonical-name", "web")
        .containsEntry("service.istio.io/canonical-revision", "v2");
    var app = out.getSpec().getContainers().get(0);
    assertThat(app.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/app-health/app/readyz");
    assertThat(app.getReadinessProbe().getHttpGet().getPort().getIntVal()).isEqualTo(15020);
    assertThat(app.getLivenessProbe().getTcpSocket()).isNull();
    assertThat(app.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/app-health/app/livez");
    String probers =
        out.getSpec().getContainers().get(1).getEnv().stream()
            .filter(e -> e.getName().equals("ISTIO_KUBE_APP_PROBERS"))
            .findFirst()
            .orElseThrow()
            .getValue();
    assertThat(probers)
        .contains("/app-health/app/readyz")
        .contains("\"path\":\"/ready\"")
        .contains("\"timeoutSeconds\":3")
        .contains("tcpSocket");
    // The input pod is untouched.
    assertThat(pod.getSpec().getContainers()).hasSize(1);
  }

  @Test
  void nativeSidecarsCniAndImageOverrides() {
    InjectorConfig cniNative =
        config(
            "enabled",
            "",
            "",
            Map.of(
                "istio_cni",
                Map.of("enabled", true),
                "pilot",
                Map.of("env", Map.of("ENABLE_NATIVE_SIDECARS", "true"))));
    Pod out = PodMutator.inject(pod(Map.of(), Map.of()), "1-24", cniNative, "web");
    assertThat(out.getSpec().getContainers()).extracting("name").containsExactly("app");
    assertThat(out.getSpec().getInitContainers())
        .extracting("name")
        .containsExactly("istio-validation", "istio-proxy");
    assertThat(out.getSpec().getInitContainers().get(1).getRestartPolicy()).isEqualTo("Always");

    Pod optedOut =
        PodMutator.inject(
            pod(
                Map.of(),
                Map.of(
                    "sidecar.istio.io/nativeSidecar",
                    "false",
                    "sidecar.istio.io/rewriteAppHTTPProbers",
                    "false")),
            "1-24",
            cniNative,
            "web");
    assertThat(optedOut.getSpec().getContainers())
        .extracting("name")
        .containsExactly("app", "istio-proxy");

    Pod custom =
        PodMutator.inject(
            pod(Map.of(), Map.of("sidecar.istio.io/proxyImage", "registry.local/proxy:dev")),
            "1-24",
            cniNative,
            "web");
    assertThat(custom.getSpec().getInitContainers().get(1).getImage())
        .isEqualTo("registry.local/proxy:dev");
    InjectorConfig fullImage =
        config(
            "enabled",
            "",
            "",
            Map.of(
                "global",
                Map.of(
                    "hub",
                    "gcr.io/x",
                    "tag",
                    "1.2",
                    "proxy",
                    Map.of("image", "mirror.io/istio/proxyv2:9"))));
    assertThat(
            PodMutator.inject(pod(Map.of(), Map.of()), "r", fullImage, "w")
                .getSpec()
                .getContainers()
                .get(1)
                .getImage())
        .isEqualTo("mirror.io/istio/proxyv2:9");
    InjectorConfig variant =
        config(
            "enabled",
            "",
            "",
            Map.of("global", Map.of("hub", "gcr.io/x", "tag", "1.2", "variant", "distroless")));
    assertThat(
            PodMutator.inject(pod(Map.of(), Map.of()), "r", variant, "w")
                .getSpec()
                .getContainers()
                .get(1)
                .getImage())
        .isEqualTo("gcr.io/x/proxyv2:1.2-distroless");
  }

  private static InjectorConfig config(String policy, String never, String always) {
    return config(
        policy, never, always, Map.of("global", Map.of("hub", "docker.io/istio", "tag", "1.24.0")));
  }

  private static InjectorConfig config(
      String policy, String never, String always, Map<String, Object> values) {
    StringBuilder yaml = new StringBuilder("policy: " + policy + "\n");
    if (!never.isEmpty()) {
      yaml.append("neverInjectSelector: ").append(never).append('\n');
    }
    if (!always.isEmpty()) {
      yaml.append("alwaysInjectSelector: ").append(always).append('\n');
    }
    Map<String, Object> merged = new HashMap<>(values);
    return InjectorConfig.from(
        new ConfigMapBuilder()
            .addToData("config", yaml.toString())
            .addToData("values", io.fabric8.kubernetes.client.utils.Serialization.asJson(merged))
            .build());
  }

  private static Pod pod(Map<String, String> labels, Map<String, String> annotations) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("web-1")
        .withNamespace("shop")
        .withLabels(new HashMap<>(labels))
        .withAnnotations(new HashMap<>(annotations))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("nginx")
        .endContainer()
        .endSpec()
        .build();
  }
}
