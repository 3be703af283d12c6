package io.meshwarden.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.meshwarden.common.topics.TopicLayout;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.common.topics.TopicSpec;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl kustomize} renders every overlay (each directory under deploy/overlays with a
 * kustomization file), fabric8 loads the result, and it keeps what the overlay promises: the
 * cluster name in meshwarden-config equals every pod's {@code meshwarden.io/cluster} label; the
 * roles, topics and alert rules it runs are the ones its kustomization says; hardened, probed pods;
 * nothing left pointing at an object the overlay removed. Skipped where kubectl is not installed.
 */
class OverlayRenderTest {

  private static final Path OVERLAYS = Manifests.DEPLOY.resolve("overlays");
  private static final Set<String> ALL_ROLES =
      Set.of("watcher", "reconciler", "executor", "alerting");

  /**
   * What each overlay runs, from its kustomization's comment: single-cluster everything;
   * central-alerting's central side alerting with the shared topics and alert rules, its member
   * side the watcher, reconciler and executor with its own cluster's topics and nothing of
   * alerting.
   */
  private record Intent(Set<String> roles, boolean sharedTopics, boolean clusterTopics) {}

  private static final Map<String, Intent> INTENTS =
      Map.of(
          "single-cluster", new Intent(ALL_ROLES, true, true),
          "central-alerting/central", new Intent(Set.of("alerting"), true, false),
          "central-alerting/member",
              new Intent(Set.of("watcher", "reconciler", "executor"), false, true));

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> everyOverlayRendersAndKeepsItsPromises() throws IOException {
    assumeThat(kubectl())
        .as("kubectl is not on PATH: overlays are not rendered (install kubectl to run this)")
        .isNotNull();
    List<Path> overlays = overlays();
    assertThat(overlays).isNotEmpty();
    return overlays.stream()
        .map(
            dir -> {
              String name = OVERLAYS.relativize(dir).toString().replace(File.separatorChar, '/');
              return DynamicTest.dynamicTest(name, () -> check(name, render(dir)));
            });
  }

  private static void check(String overlay, List<HasMetadata> objects) {
    Intent intent = INTENTS.get(overlay);
    assertThat(intent).as("expectations for overlay %s: add it to INTENTS", overlay).isNotNull();

    ConfigMap config = (ConfigMap) one(objects, "ConfigMap", "meshwarden-config");
    String cluster = config.getData().get("MW_CLUSTER");
    assertThat(cluster).as("MW_CLUSTER of %s", overlay).isNotBlank().isNotEqualTo("unset");
    List<Deployment> deployments = of(objects, Deployment.class);
    assertThat(deployments)
        .extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(
            intent.roles().stream().map(r -> "meshwarden-" + r).toList());
    for (Deployment d : deployments) {
      assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
          .as("pod labels of %s in %s", d.getMetadata().getName(), overlay)
          .containsEntry("meshwarden.io/cluster", cluster);
      assertThat(Manifests.podProblems(d)).as("pods of %s", overlay).isEmpty();
      String sa = d.getSpec().getTemplate().getSpec().getServiceAccountName();
      assertThat(names(objects, "ServiceAccount")).as("accounts in %s", overlay).contains(sa);
    }
    Set<String> removed = new HashSet<>(ALL_ROLES);
    removed.removeAll(intent.roles());
    for (String role : removed) {
      assertThat(objects)
          .as("%s objects left in %s", role, overlay)
          .filteredOn(
              o -> o.getKind().matches("Deployment|Service|ServiceMonitor|PodDisruptionBudget"))
          .extracting(o -> o.getMetadata().getName())
          .doesNotContain("meshwarden-" + role);
    }
    if (!intent.roles().contains("alerting")) {
      assertThat(names(objects, "ServiceAccount")).doesNotContain("meshwarden-alerting");
      assertThat(names(objects, "ConfigMap")).doesNotContain("meshwarden-alerting-routing");
    }
    assertThat(names(objects, "PrometheusRule"))
        .as("alert rules in %s", overlay)
        .isEqualTo(intent.sharedTopics() ? Set.of("meshwarden") : Set.of());
    TopicLayout layout = TopicLayout.production(TopicNames.defaults());
    Set<String> topics = new HashSet<>();
    if (intent.sharedTopics()) {
      layout.shared().stream().map(TopicSpec::name).forEach(topics::add);
    }
    if (intent.clusterTopics()) {
      layout.forCluster(cluster).stream().map(TopicSpec::name).forEach(topics::add);
    }
    assertThat(names(objects, "KafkaTopic")).as("KafkaTopics of %s", overlay).isEqualTo(topics);
    for (PodDisruptionBudget pdb : of(objects, PodDisruptionBudget.class)) {
      assertThat(deployments)
          .as("a Deployment whose pods PDB %s in %s selects", pdb.getMetadata().getName(), overlay)
          .anyMatch(d -> d.getSpec().getSelector().equals(pdb.getSpec().getSelector()));
    }
    Set<String> accounts = names(objects, "ServiceAccount");
    List<Subject> subjects = new ArrayList<>();
    of(objects, RoleBinding.class).forEach(b -> subjects.addAll(b.getSubjects()));
    of(objects, ClusterRoleBinding.class).forEach(b -> subjects.addAll(b.getSubjects()));
    assertThat(subjects)
        .as("bindings in %s of an account the overlay removed", overlay)
        .filteredOn(s -> "ServiceAccount".equals(s.getKind()))
        .allMatch(s -> accounts.contains(s.getName()));
  }

  /**
   * Runs kubectl kustomize on {@code dir}, its output to a file (no pipe to fill), 2 min at most.
   */
  private List<HasMetadata> render(Path dir) throws IOException, InterruptedException {
    Path out = Files.createTempFile(tmp, "rendered", ".yaml");
    Path err = Files.createTempFile(tmp, "kubectl", ".err");
    Process p =
        new ProcessBuilder(kubectl().toString(), "kustomize", dir.toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    boolean exited = p.waitFor(2, TimeUnit.MINUTES);
    if (!exited) {
      p.destroyForcibly();
    }
    assertThat(exited).as("kubectl kustomize %s finished within 2 minutes", dir).isTrue();
    assertThat(p.exitValue()).as("kubectl kustomize %s: %s", dir, Files.readString(err)).isZero();
    try (InputStream in = Files.newInputStream(out)) {
      List<HasMetadata> objects = Manifests.fabric8(in);
      assertThat(objects).as("objects rendered from %s", dir).isNotEmpty();
      return objects;
    }
  }

  private static List<Path> overlays() throws IOException {
    try (Stream<Path> all = Files.walk(OVERLAYS)) {
      return all.filter(Files::isDirectory)
          .filter(
              d ->
                  Stream.of("kustomization.yaml", "kustomization.yml", "Kustomization")
                      .anyMatch(k -> Files.isRegularFile(d.resolve(k))))
          .sorted()
          .toList();
    }
  }

  private static Path kubectl() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "kubectl");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static <T extends HasMetadata> List<T> of(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static Set<String> names(List<HasMetadata> objects, String kind) {
    return objects.stream()
        .filter(o -> kind.equals(o.getKind()))
        .map(o -> o.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  private static HasMetadata one(List<HasMetadata> objects, String kind, String name) {
    List<HasMetadata> found =
        objects.stream()
            .filter(o -> kind.equals(o.getKind()) && name.equals(o.getMetadata().getName()))
            .toList();
    assertThat(found).as("%s %s", kind, name).hasSize(1);
    return found.get(0);
  }
}
