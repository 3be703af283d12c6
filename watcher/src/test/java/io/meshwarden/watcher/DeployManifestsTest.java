package io.meshwarden.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshwarden.common.topics.TopicLayout;
import io.meshwarden.common.topics.TopicNames;
import io.meshwarden.common.topics.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The manifests under deploy/: shape, security, probes, and agreement with the code. */
class DeployManifestsTest {

  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final Path BASE = DEPLOY.resolve("base");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern FILE_NAME = Pattern.compile("\\d{3}-([A-Za-z]+)-(.+)\\.yaml");

  @Test
  void everyBaseFileIsOneResourceNamedNnnKindName() throws IOException {
    List<Path> files = baseManifests();
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      List<JsonNode> docs = readAll(f);
      assertThat(docs).as("resources in %s", f).hasSize(1);
      JsonNode doc = docs.get(0);
      var m = FILE_NAME.matcher(f.getFileName().toString());
      assertThat(m.matches()).as("%s is named NNN-Kind-name.yaml", f).isTrue();
      assertThat(m.group(1)).as("kind in %s", f).isEqualTo(doc.path("kind").asText());
      assertThat(m.group(2))
          .as("name in %s", f)
          .isEqualTo(doc.path("metadata").path("name").asText());
      assertThat(doc.path("apiVersion").asText()).as("apiVersion of %s", f).isNotEmpty();
    }
  }

  /** Named .yml: every *.yaml of the base is one resource (see WatcherRbacTest). */
  @Test
  void kustomizationListsEveryBaseFile() throws IOException {
    JsonNode k = YAML.readTree(BASE.resolve("kustomization.yml").toFile());
    List<String> listed = new ArrayList<>();
    k.get("resources").forEach(r -> listed.add(r.asText()));
    List<String> present = baseManifests().stream().map(p -> p.getFileName().toString()).toList();
    assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
    assertThat(listed).as("install order").isSorted();
  }

  @Test
  void everyDeploymentRunsNonRootReadOnlyWithProbesAndResources() throws IOException {
    Map<String, JsonNode> deployments = byKind("Deployment");
    assertThat(deployments.keySet())
        .containsExactlyInAnyOrder(
            "meshwarden-watcher", "meshwarden-reconciler", "meshwarden-alerting");
    for (var e : deployments.entrySet()) {
      JsonNode pod = e.getValue().path("spec").path("template");
      assertThat(pod.path("metadata").path("labels").has("meshwarden.io/cluster"))
          .as("%s carries meshwarden.io/cluster", e.getKey())
          .isTrue();
      JsonNode podSpec = pod.path("spec");
      assertThat(podSpec.path("securityContext").path("runAsNonRoot").asBoolean())
          .as("%s pod runAsNonRoot", e.getKey())
          .isTrue();
      for (JsonNode c : podSpec.path("containers")) {
        String what = e.getKey() + "/" + c.path("name").asText();
        JsonNode sc = c.path("securityContext");
        assertThat(sc.path("runAsNonRoot").asBoolean()).as("%s runAsNonRoot", what).isTrue();
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean())
            .as("%s readOnlyRootFilesystem", what)
            .isTrue();
        assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true))
            .as("%s allowPrivilegeEscalation", what)
            .isFalse();
        assertThat(texts(sc.path("capabilities").path("drop")))
            .as("%s drops", what)
            .contains("ALL");
        for (String r : List.of("requests", "limits")) {
          assertThat(c.path("resources").path(r).has("cpu")).as("%s %s cpu", what, r).isTrue();
          assertThat(c.path("resources").path(r).has("memory")).as("%s %s mem", what, r).isTrue();
        }
        assertThat(texts(c.path("ports"), "name")).as("%s ports", what).contains("http");
        assertProbe(what, c.path("livenessProbe"), "/healthz");
        assertProbe(what, c.path("readinessProbe"), "/readyz");
      }
    }
    assertThat(deployments.get("meshwarden-watcher").path("spec").path("replicas").asInt())
        .isEqualTo(3);
    JsonNode watcherEnv =
        deployments
            .get("meshwarden-watcher")
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")
            .get(0)
            .path("env");
    Map<String, String> fieldRefs = new HashMap<>();
    watcherEnv.forEach(
        v ->
            fieldRefs.put(
                v.path("name").asText(),
                v.path("valueFrom").path("fieldRef").path("fieldPath").asText()));
    assertThat(fieldRefs)
        .containsEntry("POD_NAME", "metadata.name")
        .containsEntry("POD_NAMESPACE", "metadata.namespace")
        .containsEntry("MW_WATCHER_NAMESPACE", "metadata.namespace");
  }

  @Test
  void everyRoleHasAServiceAndAServiceMonitorSettingCluster() throws IOException {
    Map<String, JsonNode> services = byKind("Service");
    Map<String, JsonNode> monitors = byKind("ServiceMonitor");
    for (String name : byKind("Deployment").keySet()) {
      assertThat(texts(services.get(name).path("spec").path("ports"), "name")).contains("http");
      JsonNode monitor = monitors.get(name);
      assertThat(monitor).as("ServiceMonitor %s", name).isNotNull();
      assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
      for (JsonNode ep : monitor.path("spec").path("endpoints")) {
        assertThat(ep.path("port").asText()).isEqualTo("http");
        assertThat(ep.path("honorLabels").asBoolean()).as("%s honorLabels", name).isTrue();
        Map<String, String> targets = new HashMap<>();
        ep.path("relabelings")
            .forEach(
                r ->
                    targets.put(
                        r.path("targetLabel").asText(), texts(r.path("sourceLabels")).toString()));
        assertThat(targets)
            .as("%s relabelings", name)
            .containsEntry("cluster", "[__meta_kubernetes_pod_label_meshwarden_io_cluster]");
      }
    }
  }

  @Test
  void watcherAndReconcilerHaveABudgetOfOneDisruptionOverTheirOwnPods() throws IOException {
    Map<String, JsonNode> deployments = byKind("Deployment");
    Map<String, JsonNode> budgets = byKind("PodDisruptionBudget");

    assertThat(budgets.keySet())
        .containsExactlyInAnyOrder("meshwarden-watcher", "meshwarden-reconciler");
    budgets.forEach(
        (name, pdb) -> {
          assertThat(pdb.path("spec").path("maxUnavailable").asInt()).as(name).isEqualTo(1);
          assertThat(pdb.path("spec").path("selector"))
              .as("%s selects its Deployment's pods", name)
              .isEqualTo(deployments.get(name).path("spec").path("selector"));
        });
  }

  @Test
  void prometheusRuleHoldsTheGroupsOfRulesYaml() throws IOException {
    JsonNode rule = byKind("PrometheusRule").get("meshwarden");
    JsonNode file = YAML.readTree(DEPLOY.resolve("prometheus/rules.yaml").toFile());
    assertThat(rule.path("spec").path("groups")).isNotEmpty();
    assertThat(rule.path("spec").path("groups")).isEqualTo(file.path("groups"));
  }

  @Test
  void kafkaTopicsMatchTheProductionTopicLayout() throws IOException {
    assertTopics(byKind("KafkaTopic"), TopicLayout.production(TopicNames.defaults()).shared());
  }

  @Test
  void overlayClusterTopicsMatchTheProductionTopicLayout() throws IOException {
    for (String overlay : List.of("single-cluster", "central-alerting/member")) {
      Path dir = DEPLOY.resolve("overlays").resolve(overlay);
      Map<String, JsonNode> topics = new TreeMap<>();
      for (JsonNode d : readAll(dir.resolve("cluster-topics.yaml"))) {
        topics.put(d.path("metadata").path("name").asText(), d);
      }
      JsonNode cm = readAll(dir.resolve("patch-cluster.yaml")).get(0);
      String cluster = cm.path("data").path("MW_CLUSTER").asText();
      assertTopics(topics, TopicLayout.production(TopicNames.defaults()).forCluster(cluster));
    }
  }

  @Test
  void overlaysRenderWhereKubectlIsInstalled() throws Exception {
    if (!kubectlInstalled()) {
      return;
    }
    for (String overlay :
        List.of("single-cluster", "central-alerting/central", "central-alerting/member")) {
      Process p =
          new ProcessBuilder(
                  "kubectl", "kustomize", DEPLOY.resolve("overlays").resolve(overlay).toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("kubectl kustomize %s: %s", overlay, out).isZero();
      Set<String> deployments = new TreeSet<>();
      try (var parser = YAML.getFactory().createParser(out)) {
        for (JsonNode d : YAML.readValues(parser, JsonNode.class).readAll()) {
          if (d.path("kind").asText().equals("Deployment")) {
            deployments.add(d.path("metadata").path("name").asText());
          }
        }
      }
      Set<String> expected =
          switch (overlay) {
            case "central-alerting/central" -> Set.of("meshwarden-alerting");
            case "central-alerting/member" -> Set.of("meshwarden-watcher", "meshwarden-reconciler");
            default -> Set.of("meshwarden-watcher", "meshwarden-reconciler", "meshwarden-alerting");
          };
      assertThat(deployments).as("Deployments of %s", overlay).isEqualTo(expected);
    }
  }

  private static void assertTopics(Map<String, JsonNode> topics, List<TopicSpec> specs) {
    assertThat(topics.keySet())
        .containsExactlyInAnyOrderElementsOf(specs.stream().map(TopicSpec::name).toList());
    for (TopicSpec spec : specs) {
      JsonNode t = topics.get(spec.name());
      assertThat(t.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1");
      assertThat(t.path("metadata").path("labels").has("strimzi.io/cluster")).isTrue();
      JsonNode s = t.path("spec");
      assertThat(s.path("topicName").asText()).isEqualTo(spec.name());
      assertThat(s.path("partitions").asInt())
          .as("%s partitions", spec.name())
          .isEqualTo(spec.partitions());
      assertThat(s.path("replicas").asInt())
          .as("%s replicas", spec.name())
          .isEqualTo(spec.replicationFactor());
      Map<String, String> config = new TreeMap<>();
      s.path("config")
          .fields()
          .forEachRemaining(f -> config.put(f.getKey(), f.getValue().asText()));
      assertThat(config).as("%s config", spec.name()).isEqualTo(new TreeMap<>(spec.configs()));
    }
  }

  private static void assertProbe(String what, JsonNode probe, String path) {
    JsonNode get = probe.path("httpGet");
    assertThat(get.path("path").asText()).as("%s probe path", what).isEqualTo(path);
    assertThat(get.path("port").asText()).as("%s probe port", what).isEqualTo("http");
  }

  private static List<Path> baseManifests() throws IOException {
    try (Stream<Path> files = Files.list(BASE)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static Map<String, JsonNode> byKind(String kind) throws IOException {
    Map<String, JsonNode> out = new TreeMap<>();
    for (Path f : baseManifests()) {
      JsonNode doc = YAML.readTree(f.toFile());
      if (doc.path("kind").asText().equals(kind)) {
        out.put(doc.path("metadata").path("name").asText(), doc);
      }
    }
    return out;
  }

  private static List<JsonNode> readAll(Path f) throws IOException {
    try (var parser = YAML.getFactory().createParser(f.toFile())) {
      return YAML.readValues(parser, JsonNode.class).readAll().stream()
          .filter(d -> d != null && !d.isMissingNode() && !d.isNull())
          .toList();
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  private static boolean kubectlInstalled() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "kubectl"))) {
        return true;
      }
    }
    return false;
  }
}
