package io.meshwarden.core.model;

import static io.meshwarden.core.fixtures.Fixtures.injector;
import static io.meshwarden.core.fixtures.Fixtures.meta;
import static io.meshwarden.core.fixtures.Fixtures.namespace;
import static io.meshwarden.core.fixtures.Fixtures.pairs;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.LabelSelector.Requirement;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.PodSpecFacts;
import io.meshwarden.common.protocol.WebhookConfigFacts;
import io.meshwarden.common.protocol.WebhookConfigFacts.Webhook;
import io.meshwarden.core.fixtures.Fixtures;
import io.meshwarden.core.model.InjectionVerdict.Decision;
import io.meshwarden.core.model.InjectionVerdict.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Stage 1 read from the webhooks as the charts and {@code istioctl tag set default} leave them
 * (istio.md §1 "Revision tags"): the revision-less install (1.26.1) deactivated with {@code
 * never-match}, tag {@code default} pointing at revision {@code 1-27} (1.27.2). Which revision
 * serves a pod decides whose semantics apply.
 */
class InjectorWebhooksTest {

  private static final LabelSelector NEVER =
      new LabelSelector(Map.of("istio.io/deactivated", "never-match"), List.of());

  private static Requirement req(String key, String op, String... values) {
    return new Requirement(key, op, List.of(values));
  }

  private static LabelSelector sel(Requirement... rs) {
    return new LabelSelector(Map.of(), List.of(rs));
  }

  private static Webhook hook(String name, LabelSelector ns, LabelSelector object) {
    return new Webhook(name, ns, object, "Fail", "istio-system", "istiod", "/inject", null);
  }

  /** The four webhooks the chart renders for revision (or tag) {@code r}, plus namespace/object. */
  private static List<Webhook> chartWebhooks(String r, boolean withDefaultHooks) {
    List<Webhook> out = new ArrayList<>();
    out.add(
        hook(
            "rev.namespace.sidecar-injector.istio.io",
            sel(req("istio.io/rev", "In", r), req("istio-injection", "DoesNotExist")),
            sel(req("sidecar.istio.io/inject", "NotIn", "false"))));
    out.add(
        hook(
            "rev.object.sidecar-injector.istio.io",
            sel(req("istio.io/rev", "DoesNotExist"), req("istio-injection", "DoesNotExist")),
            sel(req("sidecar.istio.io/inject", "NotIn", "false"), req("istio.io/rev", "In", r))));
    if (withDefaultHooks) {
      out.add(
          hook(
              "namespace.sidecar-injector.istio.io",
              sel(req("istio-injection", "In", "enabled")),
              sel(req("sidecar.istio.io/inject", "NotIn", "false"))));
      out.add(
          hook(
              "object.sidecar-injector.istio.io",
              sel(req("istio-injection", "DoesNotExist"), req("istio.io/rev", "DoesNotExist")),
              sel(
                  req("sidecar.istio.io/inject", "In", "true"),
                  req("istio.io/rev", "DoesNotExist"))));
    }
    return out;
  }

  private static WebhookConfigFacts config(String name, String rev, String tag, List<Webhook> ws) {
    return new WebhookConfigFacts(null, null, meta("", name, Map.of(), Map.of()), rev, tag, ws);
  }

  /** The revision-less install after {@code istioctl tag set default --revision 1-27}. */
  private static WebhookConfigFacts deactivatedDefault() {
    List<Webhook> ws =
        chartWebhooks("default", true).stream().map(w -> hook(w.name(), NEVER, NEVER)).toList();
    return config("istio-sidecar-injector", "default", null, ws);
  }

  private static List<ObjectFacts> controlPlane(boolean withDefaultTag) {
    List<ObjectFacts> facts = new ArrayList<>();
    facts.add(injector("default").image("docker.io/istio", null, "1.26.1", null).build());
    facts.add(injector("1-27").image("docker.io/istio", null, "1.27.2", null).build());
    facts.add(deactivatedDefault());
    facts.add(config("istio-sidecar-injector-1-27", "1-27", null, chartWebhooks("1-27", false)));
    if (withDefaultTag) {
      facts.add(
          config("istio-revision-tag-default", "1-27", "default", chartWebhooks("default", true)));
    }
    return facts;
  }

  private static InjectionVerdict verdict(
      boolean withDefaultTag, String[] nsLabels, Map<String, String> podLabels) {
    List<ObjectFacts> facts = controlPlane(withDefaultTag);
    facts.add(namespace("shop", nsLabels));
    MeshView mesh = new MeshViewBuilder(Fixtures.NOW).addAll(facts).build();
    return InjectionModel.verdict(
        new PodShape(
            "shop", podLabels, Map.of(), new PodSpecFacts(null, null, false, null, null, null)),
        mesh);
  }

  @ParameterizedTest(name = "ns [{0}] pod [{1}] -> {2} {3}")
  @CsvSource({
    // istio-injection=enabled goes to the default tag's revision, with 1.27 semantics: False
    // injects.
    "'istio-injection,enabled', 'sidecar.istio.io/inject,False', INJECT, 1-27",
    // rev=default names the tag, not the deactivated revision-less install.
    "'istio.io/rev,default', '', INJECT, 1-27",
    "'istio.io/rev,1-27', '', INJECT, 1-27",
    // object.* of the tag configuration.
    "'', 'sidecar.istio.io/inject,true', INJECT, 1-27",
    // pod rev in an unlabelled namespace.
    "'', 'istio.io/rev,1-27', INJECT, 1-27",
    // nothing asks: no auto.* webhook.
    "'', '', SKIP, ",
  })
  void routesThroughTheDefaultTag(String ns, String pod, Decision decision, String revision) {
    InjectionVerdict v = verdict(true, split(ns), pairs(split(pod)));

    assertThat(v.decision()).isEqualTo(decision);
    assertThat(v.revision()).isEqualTo(revision);
    if (decision == Decision.INJECT) {
      assertThat(v.istioVersion()).isEqualTo(new IstioVersion(1, 27, 2));
    }
  }

  @Test
  void deactivatedWebhooksServeNobody() {
    InjectionVerdict enabled = verdict(false, split("istio-injection,enabled"), Map.of());
    InjectionVerdict podTrue = verdict(false, split(""), pairs("sidecar.istio.io/inject", "true"));

    assertThat(enabled.decision()).isEqualTo(Decision.SKIP);
    assertThat(enabled.reason()).isEqualTo(Reason.NO_DEFAULT_REVISION);
    assertThat(podTrue.reason()).isEqualTo(Reason.NO_DEFAULT_REVISION);
  }

  @Test
  void theDefaultRevisionAndItsVersionFollowTheTag() {
    List<ObjectFacts> facts = controlPlane(true);
    MeshView mesh = new MeshViewBuilder(Fixtures.NOW).addAll(facts).build();
    MeshView untagged = new MeshViewBuilder(Fixtures.NOW).addAll(controlPlane(false)).build();

    assertThat(mesh.defaultRevision()).contains("1-27");
    assertThat(mesh.resolve("default")).contains("1-27");
    assertThat(mesh.istioVersion("default")).contains(new IstioVersion(1, 27, 2));
    assertThat(untagged.defaultRevision()).isEmpty();
  }

  @Test
  void autoWebhookInjectsUnlabelledNamespacesButNotTheIgnoredOnesNorInjectYes() {
    Webhook auto =
        hook(
            "auto.sidecar-injector.istio.io",
            sel(
                req("istio-injection", "DoesNotExist"),
                req("istio.io/rev", "DoesNotExist"),
                req(
                    "kubernetes.io/metadata.name",
                    "NotIn",
                    "kube-system",
                    "kube-public",
                    "kube-node-lease",
                    "local-path-storage")),
            sel(
                req("sidecar.istio.io/inject", "DoesNotExist"),
                req("istio.io/rev", "DoesNotExist")));
    List<Webhook> ws = new ArrayList<>(chartWebhooks("default", true));
    ws.add(auto);
    List<ObjectFacts> facts = new ArrayList<>();
    facts.add(injector("default").enableNamespacesByDefault().build());
    facts.add(config("istio-sidecar-injector", "default", null, ws));
    facts.add(namespace("shop"));
    facts.add(namespace("kube-node-lease"));
    MeshView mesh = new MeshViewBuilder(Fixtures.NOW).addAll(facts).build();
    PodSpecFacts spec = new PodSpecFacts(null, null, false, null, null, null);

    InjectionVerdict plain =
        InjectionModel.verdict(new PodShape("shop", Map.of(), Map.of(), spec), mesh);
    InjectionVerdict yes =
        InjectionModel.verdict(
            new PodShape("shop", pairs("sidecar.istio.io/inject", "yes"), Map.of(), spec), mesh);
    InjectionVerdict ignored =
        InjectionModel.verdict(new PodShape("kube-node-lease", Map.of(), Map.of(), spec), mesh);

    assertThat(mesh.enableNamespacesByDefault()).isTrue();
    assertThat(plain.decision()).isEqualTo(Decision.INJECT);
    assertThat(plain.via()).isEqualTo(InjectionVerdict.Via.NAMESPACES_BY_DEFAULT);
    assertThat(yes.decision()).isEqualTo(Decision.SKIP);
    assertThat(ignored.decision()).isEqualTo(Decision.SKIP);
  }

  private static String[] split(String csv) {
    return csv == null || csv.isEmpty() ? new String[0] : csv.split(",");
  }
}
