package io.meshwarden.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.projection.KubernetesYaml;
import io.meshwarden.common.protocol.MeshKeys;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.PodFacts;
import io.meshwarden.core.fixtures.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The image a revision's injector gives a pod (istio.md §3), as a table written from Istio's
 * injection template and {@code ProxyImage} / {@code EffectiveProxyConfig} (1.22–1.31). Each row is
 * manifests as a user writes them (projected as the watcher projects), the Istio release of the
 * injecting revision, and the image Istio would inject into pod {@code shop/web}.
 */
class ProxyImagesTest {

  private static final IstioVersion V1_28 = new IstioVersion(1, 28, 3);
  private static final IstioVersion V1_30 = new IstioVersion(1, 30, 3);
  private static final IstioVersion V1_31 = new IstioVersion(1, 31, 0);

  @TempDir Path dir;

  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "hub/proxyv2:tag by default",
            values(null, "1.24.0", null),
            pod(),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0"),
        row(
            "global.proxy.image without a slash is the name under the hub",
            values("proxy-custom", "1.24.0", null),
            pod(),
            V1_28,
            "docker.io/istio/proxy-custom:1.24.0"),
        row(
            "global.proxy.image with a slash is taken verbatim, variant ignored",
            values("my.reg/p/proxy:7", "1.24.0", "distroless"),
            pod(),
            V1_28,
            "my.reg/p/proxy:7"),
        row(
            "proxyImage annotation with a slash is taken verbatim, no type suffix",
            values(null, "1.24.0", "distroless"),
            pod("annotations: {sidecar.istio.io/proxyImage: other.reg/proxy:9}"),
            V1_28,
            "other.reg/proxy:9"),
        row(
            "proxyImage annotation without a slash is ignored",
            values(null, "1.24.0", null),
            pod("annotations: {sidecar.istio.io/proxyImage: proxyv3}"),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0"),
        row(
            "annotation without a slash still decides that global.proxy.image is not verbatim",
            values("my.reg/p/proxy:7", "1.24.0", null),
            pod("annotations: {sidecar.istio.io/proxyImage: proxyv3}"),
            V1_28,
            "docker.io/istio/my.reg/p/proxy:7:1.24.0"),
        row(
            "global.variant appends its type",
            values(null, "1.24.0", "distroless"),
            pod(),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-distroless"),
        row(
            "a type suffix in the tag stays without a type",
            values(null, "1.24.0-distroless", null),
            pod(),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-distroless"),
        row(
            "a known suffix is replaced by the type",
            values(null, "1.24.0-distroless", "debug"),
            pod(),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-debug"),
        row(
            "type default strips the suffix and appends nothing",
            values(null, "1.24.0-distroless", "default"),
            pod(),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0"),
        row(
            "only one trailing suffix is stripped",
            values(null, "1.24.0-debug-distroless", "debug"),
            pod(),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-debug-debug"),
        row(
            "an unknown type is appended after stripping a known suffix",
            values(null, "1.24.0-debug", "custom"),
            pod(),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-custom"),
        row(
            "proxyImageType annotation wins over the variant",
            values(null, "1.24.0", "debug"),
            pod("annotations: {sidecar.istio.io/proxyImageType: distroless}"),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-distroless"),
        row(
            "an empty proxyImageType annotation wins too",
            values(null, "1.24.0", "distroless"),
            pod("annotations: {sidecar.istio.io/proxyImageType: ''}"),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0"),
        row(
            "proxyImageType annotation wins over a workload ProxyConfig",
            values(null, "1.24.0", null) + workloadConfig("web-debug", "debug", "2026-01-01"),
            pod("annotations: {sidecar.istio.io/proxyImageType: distroless}"),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-distroless"),
        row(
            "mesh config defaultConfig sets the type",
            values(null, "1.24.0", null) + meshConfig("istio-system", "distroless"),
            pod(),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-distroless"),
        row(
            "a root-namespace ProxyConfig beats the mesh config",
            values(null, "1.24.0", null)
                + meshConfig("istio-system", "distroless")
                + selectorLess("istio-system", "mesh", "{imageType: debug}"),
            pod(),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-debug"),
        row(
            "the pod namespace's ProxyConfig beats the root namespace's",
            values(null, "1.24.0", null)
                + selectorLess("istio-system", "mesh", "{imageType: debug}")
                + selectorLess("shop", "ns", "{imageType: distroless}"),
            pod(),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-distroless"),
        row(
            "the proxy.istio.io/config annotation beats the namespace's ProxyConfig",
            values(null, "1.24.0", null) + selectorLess("shop", "ns", "{imageType: distroless}"),
            pod("annotations: {proxy.istio.io/config: 'image: {imageType: debug}'}"),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-debug"),
        row(
            "a ProxyConfig selecting the pod beats the annotation",
            values(null, "1.24.0", null)
                + workloadConfig("web-distroless", "distroless", "2026-01-01"),
            pod("annotations: {proxy.istio.io/config: 'image: {imageType: debug}'}"),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-distroless"),
        row(
            "a ProxyConfig selecting other labels does not apply",
            values(null, "1.24.0", null)
                + workloadConfig("web-distroless", "distroless", "2026-01-01")
                    .replace("app: web", "app: api"),
            pod("annotations: {proxy.istio.io/config: 'image: {imageType: debug}'}"),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-debug"),
        row(
            "a ProxyConfig selecting the pod in another namespace does not apply",
            values(null, "1.24.0", null)
                + workloadConfig("web-distroless", "distroless", "2026-01-01")
                    .replace("namespace: shop", "namespace: shop-v2"),
            pod(),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0"),
        row(
            "of two ProxyConfigs selecting the pod the oldest wins",
            values(null, "1.24.0", null)
                + workloadConfig("a-newer", "debug", "2026-03-01")
                + workloadConfig("b-older", "distroless", "2026-01-01"),
            pod(),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-distroless"),
        row(
            "the oldest selecting ProxyConfig decides its level even without an image block",
            values(null, "1.24.0", null)
                + workloadConfig("newer-debug", "debug", "2026-03-01")
                + "---\napiVersion: networking.istio.io/v1beta1\nkind: ProxyConfig\n"
                + "metadata: {name: older, namespace: shop, creationTimestamp: '2026-01-01T00:00:00Z'}\n"
                + "spec: {selector: {matchLabels: {app: web}}, concurrency: 2}\n"
                + selectorLess("shop", "ns", "{imageType: distroless}"),
            pod(),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-distroless"),
        row(
            "a ProxyConfig with an empty selector counts nowhere",
            values(null, "1.24.0", null)
                + "---\napiVersion: networking.istio.io/v1beta1\nkind: ProxyConfig\n"
                + "metadata: {name: empty-selector, namespace: shop}\n"
                + "spec: {selector: {}, image: {imageType: distroless}}\n",
            pod(),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0"),
        row(
            "an unparsable proxy.istio.io/config is ignored",
            values(null, "1.24.0", "distroless"),
            pod("annotations: {proxy.istio.io/config: 'image: [debug'}"),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-distroless"),
        row(
            "the mesh config's rootNamespace names the root namespace",
            values(null, "1.24.0", null)
                + meshConfig("istio-config", null)
                + selectorLess("istio-config", "mesh", "{imageType: debug}")
                + selectorLess("istio-system", "not-root", "{imageType: distroless}"),
            pod(),
            V1_28,
            "docker.io/istio/proxyv2:1.24.0-debug"),
        row(
            "1.30: an image block without a type replaces the variant with none",
            values(null, "1.24.0", "distroless") + selectorLess("shop", "ns", "{}"),
            pod(),
            V1_30,
            "docker.io/istio/proxyv2:1.24.0"),
        row(
            "1.31: an image block without a type falls back to the variant",
            values(null, "1.24.0", "distroless") + selectorLess("shop", "ns", "{}"),
            pod(),
            V1_31,
            "docker.io/istio/proxyv2:1.24.0-distroless"),
        row(
            "1.30: an empty block in the pod's namespace hides the root namespace's type",
            values(null, "1.24.0", "distroless")
                + selectorLess("istio-system", "mesh", "{imageType: debug}")
                + selectorLess("shop", "ns", "{}"),
            pod(),
            V1_30,
            "docker.io/istio/proxyv2:1.24.0"),
        row(
            "1.31: an empty block falls back to the variant, not to the root namespace's type",
            values(null, "1.24.0", "distroless")
                + selectorLess("istio-system", "mesh", "{imageType: debug}")
                + selectorLess("shop", "ns", "{}"),
            pod(),
            V1_31,
            "docker.io/istio/proxyv2:1.24.0-distroless"),
        row(
            "1.31: a type set in the image block still beats the variant",
            values(null, "1.24.0", "distroless") + selectorLess("shop", "ns", "{imageType: debug}"),
            pod(),
            V1_31,
            "docker.io/istio/proxyv2:1.24.0-debug"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void buildsTheImageIstioWouldInject(
      String name, String manifests, IstioVersion version, String expected) throws IOException {
    List<ObjectFacts> facts = project(manifests);
    MeshView mesh = new MeshViewBuilder(Fixtures.NOW).addAll(facts).build();
    PodFacts pod =
        facts.stream()
            .filter(f -> f instanceof PodFacts)
            .map(f -> (PodFacts) f)
            .findFirst()
            .orElseThrow();

    assertThat(ProxyImages.expected("default", PodShape.of(pod), mesh, version)).contains(expected);
  }

  @ParameterizedTest(name = "unknown revision {0}")
  @ValueSource(strings = {"1-23", "canary"})
  void knowsNothingAboutRevisionsWithoutInjectorSettings(String revision) throws IOException {
    MeshView mesh =
        new MeshViewBuilder(Fixtures.NOW)
            .addAll(project(values(null, "1.24.0", null) + pod()))
            .build();
    PodShape shape = new PodShape("shop", java.util.Map.of(), java.util.Map.of(), null);

    assertThat(ProxyImages.expected(revision, shape, mesh, IstioVersion.NEWEST)).isEmpty();
  }

  private List<ObjectFacts> project(String manifests) throws IOException {
    Path file = Files.writeString(dir.resolve("input.yaml"), manifests);
    FactProjector projector =
        new FactProjector("test", MeshKeys.standard(), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    List<ObjectFacts> facts = new ArrayList<>();
    for (JsonNode object : KubernetesYaml.read(file)) {
      facts.addAll(projector.project(object).facts());
    }
    return facts;
  }

  private static Arguments row(
      String name, String manifests, String pod, IstioVersion version, String expected) {
    return Arguments.of(name, manifests + pod, version, expected);
  }

  /** The revision-less injector ConfigMap with {@code global.*} values (null: not set). */
  private static String values(String image, String tag, String variant) {
    StringBuilder global = new StringBuilder("\"hub\":\"docker.io/istio\",\"tag\":\"" + tag + "\"");
    if (image != null) {
      global.append(",\"proxy\":{\"image\":\"").append(image).append("\"}");
    }
    if (variant != null) {
      global.append(",\"variant\":\"").append(variant).append("\"");
    }
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio-sidecar-injector, namespace: istio-system}
        data:
          config: "policy: enabled"
          values: '{"global":{%s}}'
        """
        .formatted(global);
  }

  /** The revision-less mesh config with a root namespace and a default image type (or none). */
  private static String meshConfig(String rootNamespace, String imageType) {
    String defaults =
        imageType == null ? "" : "\n    defaultConfig: {image: {imageType: " + imageType + "}}";
    return """
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: istio, namespace: istio-system}
        data:
          mesh: |-
            rootNamespace: %s%s
        """
        .formatted(rootNamespace, defaults);
  }

  private static String selectorLess(String namespace, String name, String image) {
    return """
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: ProxyConfig
        metadata: {name: %s, namespace: %s}
        spec: {image: %s}
        """
        .formatted(name, namespace, image);
  }

  private static String workloadConfig(String name, String imageType, String created) {
    return """
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: ProxyConfig
        metadata: {name: %s, namespace: shop, creationTimestamp: '%sT00:00:00Z'}
        spec: {selector: {matchLabels: {app: web}}, image: {imageType: %s}}
        """
        .formatted(name, created, imageType);
  }

  /** Pod shop/web labelled app=web, with extra metadata lines. */
  private static String pod(String... metadata) {
    StringBuilder extra = new StringBuilder();
    for (String m : metadata) {
      extra.append("\n  ").append(m);
    }
    return """
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          namespace: shop
          labels: {app: web}%s
        spec: {containers: [{name: web, image: web:1}]}
        """
        .formatted(extra);
  }
}
