package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kinds and versions meshwarden does not read are skipped, each beside a kind it does read. */
class SkippedObjectProjectionTest {

  @ParameterizedTest(name = "{0} {1}: projected={2}")
  @CsvSource({
    "batch/v1,                             Job,                            true",
    "batch/v1,                             CronJob,                        false",
    "policy/v1,                            PodDisruptionBudget,            true",
    "policy/v1beta1,                       PodDisruptionBudget,            false",
    "admissionregistration.k8s.io/v1,      ValidatingWebhookConfiguration, false",
    "admissionregistration.k8s.io/v1beta1, MutatingWebhookConfiguration,   false",
    "v1,                                   Namespace,                      true",
    "v1,                                   Endpoints,                      false",
    "apps/v1,                              ControllerRevision,             false",
    "example.com/v1,                       Pod,                            false",
    "v1,                                   List,                           false"
  })
  void skipsWhatItDoesNotReadAndNeverFailsOnIt(String apiVersion, String kind, boolean read) {
    String yaml =
        """
        apiVersion: %s
        kind: %s
        metadata:
          name: web
          namespace: shop
          labels: {istio.io/rev: default}
        spec:
          selector: {matchLabels: {app: web}}
          template: {}
        webhooks: [{name: sidecar-injector.istio.io}]
        """
            .formatted(apiVersion, kind);

    Projection p = Fixtures.projector().project(Fixtures.yaml(yaml));

    assertThat(p).isInstanceOf(read ? Projection.Projected.class : Projection.Skipped.class);
    if (!read) {
      assertThat(((Projection.Skipped) p).kind()).isEqualTo(kind);
    }
  }
}
