package io.meshwarden.core.rules;

import static io.meshwarden.core.fixtures.Fixtures.hook;
import static io.meshwarden.core.fixtures.Fixtures.meta;
import static io.meshwarden.core.fixtures.Fixtures.selector;
import static io.meshwarden.core.fixtures.Fixtures.webhooks;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.protocol.FactMeta;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.WebhookConfigFacts;
import io.meshwarden.core.fixtures.Fixtures;
import io.meshwarden.core.model.MeshViewBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MW0020 (IST0139) and MW0021 as istioctl's webhook analyzer decides (istio.md §6): fixed probe
 * points, one message per webhook and distinct set of others, never-match webhooks inert, and the
 * service check.
 */
class WebhookOverlapRuleTest {

  private static final LabelSelector ENABLED = selector("istio-injection", "enabled");
  private static final LabelSelector NOT_FALSE =
      new LabelSelector(
          Map.of(),
          List.of(
              new LabelSelector.Requirement("sidecar.istio.io/inject", "NotIn", List.of("false"))));
  private static final LabelSelector NEVER = selector("istio.io/deactivated", "never-match");

  @Test
  void eachOfTwoIdenticalWebhooksIsFlaggedOnce() {
    List<RuleResult> results =
        overlap(
            webhooks(
                "injector-a",
                "a",
                hook("namespace.sidecar-injector.istio.io", ENABLED, null, "Fail")),
            webhooks(
                "injector-b",
                "b",
                hook("namespace.sidecar-injector.istio.io", ENABLED, null, "Fail")),
            istiod());

    assertThat(results)
        .extracting(r -> r.subject().name())
        .containsExactlyInAnyOrder("injector-a", "injector-b");
    assertThat(results)
        .filteredOn(r -> r.subject().name().equals("injector-a"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.message())
                    .contains(
                        "Webhook overlaps with others: [injector-b/namespace.sidecar-injector.istio.io]."));
  }

  @Test
  void aWebhookIsFlaggedOncePerDistinctSetOfOthers() {
    // a matches every namespace; b only istio-injection=enabled; c only pods with inject=true.
    List<RuleResult> results =
        overlap(
            webhooks("a", "a", hook("all.istio.io", null, null, "Fail")),
            webhooks("b", "b", hook("ns.istio.io", ENABLED, null, "Fail")),
            webhooks(
                "c",
                "c",
                hook("obj.istio.io", null, selector("sidecar.istio.io/inject", "true"), "Fail")),
            istiod());

    assertThat(results)
        .filteredOn(r -> r.subject().name().equals("a"))
        .extracting(r -> r.details().get("overlapsWith"))
        .containsExactlyInAnyOrder(
            "b/ns.istio.io", "c/obj.istio.io", "b/ns.istio.io,c/obj.istio.io");
    assertThat(results).filteredOn(r -> r.subject().name().equals("b")).hasSize(2);
    assertThat(results).filteredOn(r -> r.subject().name().equals("c")).hasSize(2);
  }

  @Test
  void deactivatedWebhooksNeverOverlap() {
    List<RuleResult> results =
        overlap(
            webhooks(
                "istio-sidecar-injector",
                "default",
                hook("namespace.sidecar-injector.istio.io", NEVER, NEVER, "Fail")),
            webhooks(
                "istio-revision-tag-default",
                "1-24",
                hook("namespace.sidecar-injector.istio.io", ENABLED, NOT_FALSE, "Fail")),
            istiod());

    assertThat(results).isEmpty();
  }

  @Test
  void revisionsNamedOnlyInSelectorsBecomeProbePoints() {
    // Overlap exists only for pods labelled istio.io/rev=canary: a point istioctl builds because a
    // selector names the value, not because any namespace carries it.
    LabelSelector canaryPod = selector("istio.io/rev", "canary");
    List<RuleResult> results =
        overlap(
            webhooks("one", null, hook("one.example.com", null, canaryPod, "Fail")),
            webhooks("two", null, hook("two.example.com", null, canaryPod, "Fail")),
            istiod());

    assertThat(results).extracting(r -> r.subject().name()).containsExactlyInAnyOrder("one", "two");
  }

  @Test
  void configurationsIstioctlDoesNotConsiderAreIgnored() {
    // No istio.io/rev anywhere and no webhook named *istio.io: not an Istio webhook to istioctl.
    List<RuleResult> results =
        overlap(
            webhooks("one", null, hook("one.example.com", ENABLED, null, "Fail")),
            webhooks("two", null, hook("two.example.com", ENABLED, null, "Fail")),
            istiod());

    assertThat(results).isEmpty();
  }

  @Test
  void aSelectorKubernetesCannotParseMatchesNothing() {
    LabelSelector broken =
        new LabelSelector(
            Map.of(),
            List.of(new LabelSelector.Requirement("istio-injection", "NotIn", List.of())));
    List<RuleResult> results =
        overlap(
            webhooks("a", "a", hook("a.istio.io", broken, null, "Fail")),
            webhooks("b", "b", hook("b.istio.io", null, null, "Fail")),
            istiod());

    assertThat(results).isEmpty();
  }

  @Test
  void aMissingServiceIsFlaggedButAUrlIsNot() {
    WebhookConfigFacts.Webhook url =
        new WebhookConfigFacts.Webhook(
            "url.istio.io",
            selector("istio-injection", "disabled"),
            selector("istio.io/rev", "remote"),
            "Fail",
            null,
            null,
            null,
            "https://x/inject");
    List<RuleResult> results =
        overlap(
            webhooks(
                "istio-sidecar-injector",
                "default",
                hook("namespace.sidecar-injector.istio.io", ENABLED, null, "Fail")),
            webhooks("remote", "remote", url));

    assertThat(results)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.subject().name()).isEqualTo("istio-sidecar-injector");
              assertThat(r.message())
                  .contains(
                      "Injector refers to a control plane service that does not exist: istio-system/istiod.");
            });
  }

  @Test
  void failOpenIgnoresDeactivatedWebhooks() {
    List<RuleResult> results =
        evaluate(
            new WebhookFailOpenRule(),
            webhooks(
                "istio-sidecar-injector",
                "default",
                hook("namespace.sidecar-injector.istio.io", NEVER, NEVER, "Ignore"),
                hook("object.sidecar-injector.istio.io", NEVER, NEVER, "Ignore")),
            webhooks(
                "istio-revision-tag-default",
                "1-24",
                hook("namespace.sidecar-injector.istio.io", ENABLED, null, "Ignore")));

    assertThat(results)
        .extracting(r -> r.subject().name())
        .containsExactly("istio-revision-tag-default");
  }

  private static List<RuleResult> overlap(ObjectFacts... facts) {
    return evaluate(new WebhookOverlapRule(), facts);
  }

  private static List<RuleResult> evaluate(MeshRule rule, ObjectFacts... facts) {
    List<ObjectFacts> all = new ArrayList<>(List.of(facts));
    return rule.evaluate(new MeshViewBuilder(Fixtures.NOW).addAll(all).build());
  }

  private static ServiceFacts istiod() {
    FactMeta m = meta("istio-system", "istiod", Map.of("app", "istiod"), Map.of());
    return new ServiceFacts(
        null, null, m, "ClusterIP", Map.of("app", "istiod"), List.of(), null, null);
  }
}
