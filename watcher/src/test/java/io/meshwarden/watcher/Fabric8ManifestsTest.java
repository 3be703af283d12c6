package io.meshwarden.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.meshwarden.watcher.Manifests.Doc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every Kubernetes manifest under deploy/ (base, overlays, and whatever files are added later)
 * loads with fabric8 into its typed class, or as a generic resource for the CRD-backed kinds; no
 * field is unknown to the model; and every Deployment's pods are hardened and probed, checked on
 * the typed objects.
 */
class Fabric8ManifestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyManifestLoadsIntoItsTypedClassOrAsAGenericCustomResource() {
    List<Doc> docs = all();

    assertThat(docs).extracting(d -> d.object().getKind()).contains("Deployment", "ClusterRole");
    List<String> wrong = new ArrayList<>();
    for (Doc d : docs) {
      boolean generic = d.object() instanceof GenericKubernetesResource;
      if (generic != Manifests.custom(d.object())) {
        wrong.add(d.where() + " loaded as " + d.object().getClass().getSimpleName());
      }
      if (d.object().getMetadata() == null || d.name() == null) {
        wrong.add(d.where() + " has no metadata.name");
      }
    }
    assertThat(wrong)
        .as("a built-in kind fabric8 does not know is a typo in kind or apiVersion")
        .isEmpty();
    assertThat(docs)
        .filteredOn(d -> Manifests.custom(d.object()))
        .extracting(d -> d.object().getKind())
        .contains("KafkaTopic", "ServiceMonitor", "PrometheusRule");
  }

  @Test
  void noTypedManifestHasAFieldFabric8DoesNotKnowOrChanges() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Doc d : all()) {
      if (d.object() instanceof GenericKubernetesResource) {
        continue;
      }
      Manifests.unknownFields(d.object()).forEach(p -> problems.add(d.where() + " unknown " + p));
      JsonNode loaded = JSON.readTree(Manifests.FABRIC8.asJson(d.object()));
      Manifests.differences(d.tree(), loaded)
          .forEach(p -> problems.add(d.where() + " changed " + p));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void aMisspeltFieldIsFound() throws IOException {
    String yaml =
        Files.readString(Manifests.DEPLOY.resolve("base/063-Deployment-meshwarden-reconciler.yaml"))
            .replace("readOnlyRootFilesystem", "readOnlyRootFileSystem");
    Deployment d =
        (Deployment)
            Manifests.fabric8(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                .get(0);

    assertThat(Manifests.unknownFields(d))
        .containsExactly(
            ".spec.template.spec.containers[0].securityContext: [readOnlyRootFileSystem]");
    assertThat(Manifests.podProblems(d))
        .containsExactly("meshwarden-reconciler/reconciler: readOnlyRootFilesystem is not true");
  }

  @Test
  void everyDeploymentsContainersAreHardenedAndProbedOnTheNamedHttpPort() {
    List<Deployment> deployments =
        all().stream()
            .filter(d -> d.file().startsWith(Manifests.DEPLOY.resolve("base")))
            .map(Doc::object)
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .toList();

    assertThat(deployments)
        .extracting(d -> d.getMetadata().getName())
        .contains(
            "meshwarden-watcher",
            "meshwarden-reconciler",
            "meshwarden-executor",
            "meshwarden-alerting");
    assertThat(deployments).flatMap(Manifests::podProblems).isEmpty();
  }

  @Test
  void theChecksFindEachWeakness() throws IOException {
    Deployment good =
        (Deployment)
            Manifests.fabric8(
                    Files.newInputStream(
                        Manifests.DEPLOY.resolve("base/060-Deployment-meshwarden-watcher.yaml")))
                .get(0);
    Deployment weak =
        new DeploymentBuilder(good)
            .editSpec()
            .editTemplate()
            .editSpec()
            .withSecurityContext(null)
            .editFirstContainer()
            .withSecurityContext(null)
            .withResources(null)
            .editLivenessProbe()
            .editHttpGet()
            .withPath("/health")
            .endHttpGet()
            .endLivenessProbe()
            .withReadinessProbe(null)
            .withPorts(List.of())
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();

    assertThat(Manifests.podProblems(good)).isEmpty();
    assertThat(Manifests.podProblems(weak))
        .extracting(p -> p.substring(p.indexOf(": ") + 2))
        .containsExactlyInAnyOrder(
            "runAsNonRoot is not true",
            "readOnlyRootFilesystem is not true",
            "allowPrivilegeEscalation is not false",
            "does not drop ALL capabilities",
            "seccomp profile is not RuntimeDefault",
            "no cpu/memory requests",
            "no cpu/memory limits",
            "has no port named http",
            "liveness probe path is not /healthz",
            "no readiness httpGet probe");
  }

  private static List<Doc> all() {
    List<Path> files = Manifests.files();
    assertThat(files).isNotEmpty();
    return files.stream().flatMap(f -> Manifests.load(f).stream()).toList();
  }
}
