package io.meshwarden.core.remediation;

import static io.meshwarden.core.fixtures.Fixtures.hook;
import static io.meshwarden.core.fixtures.Fixtures.injector;
import static io.meshwarden.core.fixtures.Fixtures.selector;
import static io.meshwarden.core.fixtures.Fixtures.webhooks;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.core.fixtures.Fixtures;
import io.meshwarden.core.model.MeshViewBuilder;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The executor restarts only when the injector of the expected revision can inject: a webhook that
 * {@code istioctl tag set default} deactivated calls nobody, so it does not count.
 */
class InjectorHealthTest {

  private static MeshSnapshot snapshot(boolean deactivated) {
    var ns =
        deactivated
            ? selector("istio.io/deactivated", "never-match")
            : selector("istio.io/rev", "1-24");
    var obj = deactivated ? selector("istio.io/deactivated", "never-match") : null;
    return new MeshSnapshot(
        new MeshViewBuilder(Fixtures.NOW)
            .add(injector("1-24").build())
            .add(
                webhooks(
                    "istio-sidecar-injector-1-24",
                    "1-24",
                    hook("rev.namespace.sidecar-injector.istio.io", ns, obj, "Fail")))
            .build(),
        Map.of("1-24", true),
        Set.of("istio-system/istiod"));
  }

  @Test
  void anActiveWebhookWithAReadyIstiodAndItsServiceCanInject() {
    assertThat(InjectorHealth.problem(snapshot(false), "1-24")).isEmpty();
  }

  @Test
  void aDeactivatedWebhookRoutesToNobody() {
    assertThat(InjectorHealth.problem(snapshot(true), "1-24"))
        .hasValueSatisfying(p -> assertThat(p).contains("no active MutatingWebhookConfiguration"));
  }
}
