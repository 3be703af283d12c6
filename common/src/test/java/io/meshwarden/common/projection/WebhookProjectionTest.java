package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.LabelSelector.Requirement;
import io.meshwarden.common.protocol.RevisionTagFacts;
import io.meshwarden.common.protocol.WebhookConfigFacts;
import io.meshwarden.common.protocol.WebhookConfigFacts.Webhook;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookProjectionTest {

  private static List<?> revisionTagFacts() {
    return Fixtures.projector().projectAll(Fixtures.only("revision-tag-webhook.yaml"));
  }

  private static JsonNode webhookConfig(String labels, String webhookName, String url) {
    return Fixtures.yaml(
        """
        apiVersion: admissionregistration.k8s.io/v1
        kind: MutatingWebhookConfiguration
        metadata:
          name: istio-sidecar-injector
          labels: %s
        webhooks:
        - name: %s
          clientConfig:
            url: "%s"
          sideEffects: None
          admissionReviewVersions: [v1]
        """
            .formatted(labels, webhookName, url));
  }

  @Test
  void projectsARevisionTagWebhookAsItsWebhookAndItsTag() {
    List<?> facts = revisionTagFacts();

    assertThat(facts).hasSize(2);
    assertThat(facts.get(0)).isInstanceOf(WebhookConfigFacts.class);
    RevisionTagFacts tag = (RevisionTagFacts) facts.get(1);
    assertThat(tag.tag()).isEqualTo("prod");
    assertThat(tag.revision()).isEqualTo("1-24-0");
    assertThat(tag.key()).isEqualTo("RevisionTag//istio-revision-tag-prod");
  }

  @Test
  void projectsEachWebhooksSelectorsPolicyAndService() {
    WebhookConfigFacts config = (WebhookConfigFacts) revisionTagFacts().get(0);

    assertThat(config.key()).isEqualTo("MutatingWebhookConfiguration//istio-revision-tag-prod");
    assertThat(config.revision()).isEqualTo("1-24-0");
    assertThat(config.tag()).isEqualTo("prod");
    assertThat(config.webhooks())
        .extracting(Webhook::name)
        .containsExactly(
            "rev.namespace.sidecar-injector.istio.io", "rev.object.sidecar-injector.istio.io");
    Webhook byNamespace = config.webhooks().get(0);
    assertThat(byNamespace.namespaceSelector())
        .isEqualTo(
            new LabelSelector(
                Map.of(),
                List.of(
                    new Requirement("istio.io/rev", "In", List.of("prod")),
                    new Requirement("istio-injection", "DoesNotExist", List.of()))));
    assertThat(byNamespace.objectSelector())
        .isEqualTo(
            new LabelSelector(
                Map.of(),
                List.of(new Requirement("sidecar.istio.io/inject", "NotIn", List.of("false")))));
    assertThat(byNamespace.failurePolicy()).isEqualTo("Fail");
    assertThat(byNamespace.serviceNamespace()).isEqualTo("istio-system");
    assertThat(byNamespace.serviceName()).isEqualTo("istiod-1-24-0");
    assertThat(byNamespace.servicePath()).isEqualTo("/inject/cluster/prod-eu/net/network1");
    assertThat(byNamespace.url()).isNull();
  }

  @Test
  void neverPublishesTheCaBundle() {
    assertThat(Fixtures.encoded(revisionTagFacts().get(0))).doesNotContain("LS0tLS1CRUdJTi");
  }

  @ParameterizedTest(name = "labels {0}, webhook {1}: {2} facts")
  @CsvSource(
      delimiter = '|',
      value = {
        "{istio.io/rev: 1-24-0}                 | rev.namespace.sidecar-injector.istio.io | 1",
        "{}                                     | namespace.sidecar-injector.istio.io     | 1",
        "{istio.io/tag: prod}                   | rev.object.sidecar-injector.istio.io    | 1",
        "{istio.io/tag: prod, istio.io/rev: r1} | rev.object.sidecar-injector.istio.io    | 2",
        "{app: other}                           | injector.example.com                    | 0",
        "{}                                     | sidecar-injector.istio.io.example.com   | 0"
      })
  void recognisesIstioWebhooksByLabelOrWebhookName(String labels, String name, int facts) {
    JsonNode config = webhookConfig(labels, name, "https://injector.example.com/inject");

    Projection p = Fixtures.projector().project(config);

    assertThat(p.facts()).hasSize(facts);
    assertThat(p).isInstanceOf(facts == 0 ? Projection.Skipped.class : Projection.Projected.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "https://user:pa55@injector.example.com:8443/inject?token=abc#top, https://injector.example.com:8443/inject",
    "https://injector.example.com/inject,                              https://injector.example.com/inject",
    "https://a@b@injector.example.com/inject,                         https://injector.example.com/inject",
    "https://injector.example.com/inject/@me,                         https://injector.example.com/inject/@me",
    "user:pa55@injector.example.com/inject,                           injector.example.com/inject"
  })
  void stripsCredentialsFromAWebhookUrl(String url, String expected) {
    WebhookConfigFacts config =
        (WebhookConfigFacts)
            Fixtures.projectOne(webhookConfig("{}", "sidecar-injector.istio.io", url));

    assertThat(config.webhooks().get(0).url()).isEqualTo(expected);
    assertThat(config.webhooks().get(0).serviceName()).isNull();
  }

  @Test
  void skipsMutatingWebhooksThatAreNotIstios() {
    List<JsonNode> configs = Fixtures.objects("non-istio-webhooks.yaml");

    assertThat(configs).hasSize(2);
    assertThat(configs)
        .allSatisfy(
            c ->
                assertThat(Fixtures.projector().project(c)).isInstanceOf(Projection.Skipped.class));
  }

  @Test
  void projectsAnUnlabelledWebhookNamedLikeIstiosAsIstioctlConsidersIt() {
    assertThat(Fixtures.projectOne(webhookConfig("{}", "injector.istio.io", "https://x/inject")))
        .isInstanceOf(WebhookConfigFacts.class);
  }

  @Test
  void projectsAnUnlabelledWebhookThatSelectsOnARevision() {
    JsonNode config =
        Fixtures.yaml(
            """
            apiVersion: admissionregistration.k8s.io/v1
            kind: MutatingWebhookConfiguration
            metadata: {name: hand-made-injector}
            webhooks:
            - name: inject.example.com
              clientConfig: {url: "https://x/inject"}
              objectSelector:
                matchExpressions: [{key: istio.io/rev, operator: In, values: [canary]}]
            """);

    WebhookConfigFacts facts = (WebhookConfigFacts) Fixtures.projectOne(config);

    assertThat(facts.revision()).isNull();
    assertThat(facts.webhooks()).hasSize(1);
  }
}
