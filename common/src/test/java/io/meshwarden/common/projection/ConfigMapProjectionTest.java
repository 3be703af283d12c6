package io.meshwarden.common.projection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.common.protocol.InjectorConfigFacts;
import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.LabelSelector.Requirement;
import io.meshwarden.common.protocol.MeshConfigFacts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigMapProjectionTest {

  private static InjectorConfigFacts injector() {
    return (InjectorConfigFacts) Fixtures.projectOne(Fixtures.only("injector-configmap.yaml"));
  }

  /** An injector ConfigMap with the given {@code config} and {@code values} texts. */
  private static ObjectNode injectorWith(String config, String values) {
    ObjectNode cm =
        (ObjectNode)
            Fixtures.yaml(
                """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: istio-sidecar-injector, namespace: istio-system}
                data: {}
                """);
    ObjectNode data = (ObjectNode) cm.get("data");
    if (config != null) {
      data.put("config", config);
    }
    if (values != null) {
      data.put("values", values);
    }
    return cm;
  }

  @Test
  void projectsTheInjectorPolicyAndSelectors() {
    InjectorConfigFacts facts = injector();

    assertThat(facts.key()).isEqualTo("InjectorConfig/istio-system/istio-sidecar-injector-1-24-0");
    assertThat(facts.revision()).isEqualTo("1-24-0");
    assertThat(facts.policy()).isEqualTo("enabled");
    assertThat(facts.defaultTemplates()).containsExactly("sidecar");
    assertThat(facts.alwaysInjectSelector())
        .containsExactly(new LabelSelector(Map.of("mesh.example.com/force", "true"), List.of()));
    assertThat(facts.neverInjectSelector())
        .containsExactly(
            new LabelSelector(
                Map.of(), List.of(new Requirement("openshift.io/build.name", "Exists", List.of()))),
            new LabelSelector(
                Map.of(),
                List.of(
                    new Requirement("openshift.io/deployer-pod-for.name", "Exists", List.of()))));
  }

  @Test
  void projectsTheInjectorValuesThatDecideTheProxyImage() {
    InjectorConfigFacts facts = injector();

    assertThat(facts.hub()).isEqualTo("docker.io/istio");
    assertThat(facts.tag()).isEqualTo("1.24.0");
    assertThat(facts.proxyImage()).isEqualTo("proxyv2");
    assertThat(facts.variant()).isEqualTo("distroless");
    assertThat(facts.rewriteAppHTTPProbe()).isTrue();
    assertThat(facts.enableNamespacesByDefault()).isFalse();
    assertThat(facts.nativeSidecar()).isFalse();
  }

  @Test
  void leavesTheTemplatesOutOfTheFacts() {
    String json = Fixtures.encoded(injector());

    assertThat(json).doesNotContain("ProxyImage").doesNotContain("istio-init");
  }

  @ParameterizedTest(name = "{0} labelled {1} is revision {2}")
  @CsvSource({
    "istio-sidecar-injector,        ,        default",
    "istio-sidecar-injector-canary, ,        canary",
    "istio-sidecar-injector,        1-25-0,  1-25-0",
    "istio-sidecar-injector-1-24-0, 1-24-0,  1-24-0"
  })
  void takesTheRevisionFromTheLabelThenTheNameSuffix(String name, String label, String revision) {
    ObjectNode cm = injectorWith("policy: enabled", null);
    ObjectNode meta = (ObjectNode) cm.get("metadata");
    meta.put("name", name);
    if (label != null) {
      meta.putObject("labels").put("istio.io/rev", label);
    }

    assertThat(((InjectorConfigFacts) Fixtures.projectOne(cm)).revision()).isEqualTo(revision);
  }

  @ParameterizedTest(name = "ENABLE_NATIVE_SIDECARS={0} -> {1}")
  @CsvSource({"'\"true\"', true", "true, true", "'\"false\"', false", "'\"auto\"', ", "'\"\"', "})
  void readsTheNativeSidecarSwitchFromPilotEnv(String json, Boolean expected) {
    String values = "{\"pilot\": {\"env\": {\"ENABLE_NATIVE_SIDECARS\": " + json + "}}}";

    InjectorConfigFacts facts =
        (InjectorConfigFacts) Fixtures.projectOne(injectorWith("policy: enabled", values));

    assertThat(facts.nativeSidecar()).isEqualTo(expected);
  }

  @Test
  void leavesNativeSidecarsUnknownWhenPilotEnvDoesNotSay() {
    InjectorConfigFacts facts =
        (InjectorConfigFacts)
            Fixtures.projectOne(injectorWith("policy: disabled", "{\"global\": {\"hub\": \"h\"}}"));

    assertThat(facts.nativeSidecar()).isNull();
    assertThat(facts.policy()).isEqualTo("disabled");
    assertThat(facts.hub()).isEqualTo("h");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "config not YAML         | 'policy: [enabled'                 |                        | data.config | not valid YAML",
        "config a list           | '- policy'                         |                        | data.config | expected a mapping",
        "selectors not a list    | 'neverInjectSelector: all'         |                        | data.config | neverInjectSelector",
        "selector without op     | 'alwaysInjectSelector: [{matchExpressions: [{key: a}]}]' | | data.config | alwaysInjectSelector[0].matchExpressions[0].operator",
        "values not JSON         | 'policy: enabled'                  | '{\"global\": '         | data.values | not valid JSON",
        "values a list           | 'policy: enabled'                  | '[1, 2]'               | data.values | expected a mapping",
        "hub an object           | 'policy: enabled'                  | '{\"global\": {\"hub\": {}}}' | data.values | global.hub",
        "both keys missing       |                                    |                        | data.config | missing"
      })
  void reportsMalformedEmbeddedDocumentsNamingTheConfigMapAndKey(
      String description, String config, String values, String field, String reason) {
    Projection p = Fixtures.projector().project(injectorWith(config, values));

    assertThat(p).isInstanceOf(Projection.Invalid.class);
    Projection.Invalid invalid = (Projection.Invalid) p;
    assertThat(invalid.object()).isEqualTo("ConfigMap istio-system/istio-sidecar-injector");
    assertThat(invalid.field()).isEqualTo(field);
    assertThat(invalid.reason()).contains(reason);
  }

  @Test
  void namesTheLineOfAnEmbeddedYamlError() {
    Projection p = Fixtures.projector().project(injectorWith("policy: enabled\nbad: a: b\n", null));

    assertThat(((Projection.Invalid) p).reason()).contains("line 2");
  }

  @Test
  void projectsTheMeshConfigAsATree() {
    MeshConfigFacts mesh =
        (MeshConfigFacts) Fixtures.projectOne(Fixtures.only("mesh-configmap.yaml"));

    assertThat(mesh.key()).isEqualTo("MeshConfig/istio-system/istio-1-24-0");
    assertThat(mesh.revision()).isEqualTo("1-24-0");
    assertThat(mesh.mesh().at("/defaultConfig/holdApplicationUntilProxyStarts").booleanValue())
        .isTrue();
    assertThat(mesh.mesh().at("/outboundTrafficPolicy/mode").asText()).isEqualTo("ALLOW_ANY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "- a\n- b"})
  void reportsAMeshThatIsNotAYamlMapping(String mesh) {
    ObjectNode cm = (ObjectNode) Fixtures.only("mesh-configmap.yaml");
    ((ObjectNode) cm.get("data")).put("mesh", mesh);

    Projection p = Fixtures.projector().project(cm);

    assertThat(p).isInstanceOf(Projection.Invalid.class);
    assertThat(((Projection.Invalid) p).field()).isEqualTo("data.mesh");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kube-root-ca.crt",
        "istio-ca-root-cert",
        "istio-sidecar-injectorx",
        "istiod-settings",
        "coredns"
      })
  void skipsConfigMapsIstioDoesNotReadForInjection(String name) {
    JsonNode cm =
        Fixtures.objects("unrelated-configmaps.yaml").stream()
            .filter(o -> o.at("/metadata/name").asText().equals(name))
            .findFirst()
            .orElseThrow();

    assertThat(Fixtures.projector().project(cm)).isInstanceOf(Projection.Skipped.class);
  }
}
