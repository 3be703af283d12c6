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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
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
            "meshwarden-watcher",
            "meshwarden-reconciler",
            "meshwarden-executor",
            "meshwarden-alerting");
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
  void everyRoleHasABudgetOfOneDisruptionOverItsOwnPods() throws IOException {
    Map<String, JsonNode> deployments = byKind("Deployment");
    Map<String, JsonNode> budgets = byKind("PodDisruptionBudget");

    assertThat(budgets.keySet()).isEqualTo(deployments.keySet());
    budgets.forEach(
        (name, pdb) -> {
          assertThat(pdb.path("spec").path("maxUnavailable").asInt()).as(name).isEqualTo(1);
          assertThat(pdb.path("spec").path("selector"))
              .as("%s selects its Deployment's pods", name)
              .isEqualTo(deployments.get(name).path("spec").path("selector"));
        });
  }

  /**
   * Two alerting replicas share the consumer group (docs/alerting.md, "Scaling"); of two executor
   * replicas one holds the request partition and one stands by (docs/remediation.md).
   */
  @Test
  void everyRoleRunsSeveralReplicasSpreadOverNodes() throws IOException {
    Map<String, JsonNode> deployments = byKind("Deployment");
    assertThat(deployments.get("meshwarden-alerting").path("spec").path("replicas").asInt())
        .isEqualTo(2);
    assertThat(deployments.get("meshwarden-executor").path("spec").path("replicas").asInt())
        .isEqualTo(2);
    deployments.forEach(
        (name, d) -> {
          assertThat(d.path("spec").path("replicas").asInt())
              .as("%s replicas", name)
              .isGreaterThan(1);
          JsonNode terms =
              d.path("spec")
                  .path("template")
                  .path("spec")
                  .path("affinity")
                  .path("podAntiAffinity")
                  .path("preferredDuringSchedulingIgnoredDuringExecution");
          assertThat(terms).as("%s anti-affinity", name).hasSize(1);
          JsonNode term = terms.get(0).path("podAffinityTerm");
          assertThat(term.path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
          assertThat(term.path("labelSelector"))
              .as("%s spreads its own pods", name)
              .isEqualTo(d.path("spec").path("selector"));
        });
  }

  @Test
  void defaultDenySelectsEveryPodOfTheNamespaceBothWays() throws IOException {
    JsonNode deny = byKind("NetworkPolicy").get("meshwarden-default-deny");
    assertThat(deny).as("NetworkPolicy meshwarden-default-deny").isNotNull();
    assertThat(deny.path("metadata").path("namespace").asText()).isEqualTo("meshwarden");
    assertThat(texts(deny.path("spec").path("policyTypes")))
        .containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(deny.path("spec").has("ingress")).isFalse();
    assertThat(deny.path("spec").has("egress")).isFalse();
    for (var e : byKind("Deployment").entrySet()) {
      assertThat(selects(deny.path("spec").path("podSelector"), podLabels(e.getValue())))
          .as("default deny selects %s", e.getKey())
          .isTrue();
    }
  }

  @Test
  void everyNetworkPolicyIsInTheNamespaceAndSelectsSomeRole() throws IOException {
    Map<String, JsonNode> policies = byKind("NetworkPolicy");
    assertThat(policies.keySet())
        .containsExactlyInAnyOrder(
            "meshwarden-default-deny",
            "meshwarden-allow-dns",
            "meshwarden-allow-kafka",
            "meshwarden-allow-kube-api",
            "meshwarden-alerting-receivers",
            "meshwarden-allow-monitoring");
    Collection<JsonNode> deployments = byKind("Deployment").values();
    policies.forEach(
        (name, np) -> {
          assertThat(np.path("metadata").path("namespace").asText())
              .as(name)
              .isEqualTo("meshwarden");
          assertThat(deployments)
              .as("%s selects a role's pods", name)
              .anyMatch(d -> selects(np.path("spec").path("podSelector"), podLabels(d)));
        });
  }

  /**
   * What each role may reach: DNS and Kafka for all, the API or the receivers by role, and nothing
   * more (the reconciler, which only talks to Kafka, not the API server).
   */
  @Test
  void everyRoleMayReachDnsKafkaAndWhatItsRoleNeedsAndNothingElse() throws IOException {
    String bootstrap =
        byKind("ConfigMap")
            .get("meshwarden-config")
            .path("data")
            .path("MW_KAFKA_BOOTSTRAP_SERVERS")
            .asText();
    String kafkaPort = bootstrap.substring(bootstrap.lastIndexOf(':') + 1);
    Set<String> everyRole =
        new TreeSet<>(List.of("UDP/53", "TCP/53", "TCP/9092", "TCP/9093", "TCP/" + kafkaPort));
    Map<String, List<String>> needs =
        Map.of(
            "meshwarden-watcher", List.of("TCP/443", "TCP/6443"),
            "meshwarden-reconciler", List.of(),
            "meshwarden-executor", List.of("TCP/443", "TCP/6443"),
            // Slack, PagerDuty, Teams, webhooks; Alertmanager in the base routing file.
            "meshwarden-alerting", List.of("TCP/443", "TCP/9093"));
    assertThat(needs.keySet()).isEqualTo(byKind("Deployment").keySet());
    for (var e : byKind("Deployment").entrySet()) {
      Set<String> expected = new TreeSet<>(everyRole);
      expected.addAll(needs.get(e.getKey()));
      assertThat(allowedPorts(e.getValue(), "egress"))
          .as("%s egress", e.getKey())
          .isEqualTo(expected);
    }
  }

  /**
   * A pod gets a token only when its account is bound to some role: the watcher and the executor
   * call the API, the reconciler and alerting do not (their accounts are bound to nothing).
   */
  @Test
  void onlyTheRolesThatCallTheApiMountAToken() throws IOException {
    Set<String> bound = new TreeSet<>();
    for (String kind : List.of("RoleBinding", "ClusterRoleBinding")) {
      for (JsonNode binding : byKind(kind).values()) {
        for (JsonNode s : binding.path("subjects")) {
          if (s.path("kind").asText().equals("ServiceAccount")
              && s.path("namespace").asText().equals("meshwarden")) {
            bound.add(s.path("name").asText());
          }
        }
      }
    }
    assertThat(bound).containsExactlyInAnyOrder("meshwarden-watcher", "meshwarden-executor");
    Map<String, JsonNode> accounts = byKind("ServiceAccount");
    for (var e : byKind("Deployment").entrySet()) {
      JsonNode pod = e.getValue().path("spec").path("template").path("spec");
      String account = pod.path("serviceAccountName").asText();
      boolean needsToken = bound.contains(account);
      assertThat(accounts).as("%s's account", e.getKey()).containsKey(account);
      assertThat(pod.path("automountServiceAccountToken").asBoolean(true))
          .as("%s mounts a token", e.getKey())
          .isEqualTo(needsToken);
      assertThat(accounts.get(account).path("automountServiceAccountToken").asBoolean(true))
          .as("%s's account mounts a token by default", e.getKey())
          .isEqualTo(needsToken);
    }
  }

  /** A NetworkPolicy cannot select the API server by name: any address on its ports. */
  @Test
  void kubernetesApiIsAnyAddressOnTheApiPorts() throws IOException {
    JsonNode egress =
        byKind("NetworkPolicy").get("meshwarden-allow-kube-api").path("spec").path("egress");
    assertThat(egress).hasSize(1);
    List<String> cidrs = new ArrayList<>();
    egress.get(0).path("to").forEach(t -> cidrs.add(t.path("ipBlock").path("cidr").asText()));
    assertThat(cidrs).contains("0.0.0.0/0");
  }

  @Test
  void dnsGoesToKubeDnsOnly() throws IOException {
    JsonNode to = byKind("NetworkPolicy").get("meshwarden-allow-dns").path("spec").path("egress");
    assertThat(to).hasSize(1);
    JsonNode peer = to.get(0).path("to").get(0);
    assertThat(
            peer.path("namespaceSelector")
                .path("matchLabels")
                .path("kubernetes.io/metadata.name")
                .asText())
        .isEqualTo("kube-system");
    assertThat(peer.path("podSelector").path("matchLabels").path("k8s-app").asText())
        .isEqualTo("kube-dns");
  }

  @Test
  void everyRoleTakesScrapesAndProbesOnHttpFromTheMonitoringNamespace() throws IOException {
    JsonNode np = byKind("NetworkPolicy").get("meshwarden-allow-monitoring");
    JsonNode rule = np.path("spec").path("ingress").get(0);
    assertThat(
            rule.path("from")
                .get(0)
                .path("namespaceSelector")
                .path("matchLabels")
                .path("kubernetes.io/metadata.name")
                .asText())
        .isEqualTo("monitoring");
    for (var e : byKind("Deployment").entrySet()) {
      String http =
          e.getValue()
              .path("spec")
              .path("template")
              .path("spec")
              .path("containers")
              .get(0)
              .path("ports")
              .get(0)
              .path("containerPort")
              .asText();
      assertThat(allowedPorts(e.getValue(), "ingress"))
          .as("%s ingress", e.getKey())
          .containsExactly("TCP/" + http);
    }
  }

  /** The example Secret carries every env: reference of the routing file, and only those. */
  @Test
  void exampleReceiverSecretProvidesWhatTheRoutingFileReferences() throws IOException {
    JsonNode secret = readAll(DEPLOY.resolve("examples/secret-alerting-receivers.yaml")).get(0);
    JsonNode container =
        byKind("Deployment")
            .get("meshwarden-alerting")
            .path("spec")
            .path("template")
            .path("spec")
            .path("containers")
            .get(0);
    List<String> secretRefs = new ArrayList<>();
    container
        .path("envFrom")
        .forEach(f -> secretRefs.add(f.path("secretRef").path("name").asText()));
    assertThat(secretRefs).contains(secret.path("metadata").path("name").asText());
    assertThat(secret.path("metadata").path("namespace").asText()).isEqualTo("meshwarden");

    Set<String> keys = new TreeSet<>();
    secret.path("stringData").fieldNames().forEachRemaining(keys::add);
    Set<String> referenced = new TreeSet<>();
    Matcher env =
        Pattern.compile("env:([A-Za-z_][A-Za-z0-9_]*)")
            // The routing file itself, with its commented receivers; not the manifest's header.
            .matcher(
                byKind("ConfigMap")
                    .get("meshwarden-alerting-routing")
                    .path("data")
                    .path("routing.yaml")
                    .asText());
    while (env.find()) {
      referenced.add(env.group(1));
    }
    assertThat(referenced).isNotEmpty();
    assertThat(keys).isEqualTo(referenced);
    assertThat(kustomizationsUnder(DEPLOY))
        .as("the example Secret is in no kustomization")
        .noneMatch(k -> k.contains("secret-alerting-receivers"));
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
      Set<String> policies = new TreeSet<>();
      try (var parser = YAML.getFactory().createParser(out)) {
        for (JsonNode d : YAML.readValues(parser, JsonNode.class).readAll()) {
          if (d.path("kind").asText().equals("Deployment")) {
            deployments.add(d.path("metadata").path("name").asText());
          } else if (d.path("kind").asText().equals("NetworkPolicy")) {
            policies.add(d.path("metadata").path("name").asText());
          }
        }
      }
      assertThat(policies)
          .as("NetworkPolicies of %s", overlay)
          .contains("meshwarden-default-deny", "meshwarden-allow-dns", "meshwarden-allow-kafka");
      Set<String> expected =
          switch (overlay) {
            case "central-alerting/central" -> Set.of("meshwarden-alerting");
            case "central-alerting/member" ->
                Set.of("meshwarden-watcher", "meshwarden-reconciler", "meshwarden-executor");
            default ->
                Set.of(
                    "meshwarden-watcher",
                    "meshwarden-reconciler",
                    "meshwarden-executor",
                    "meshwarden-alerting");
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

  /** "PROTOCOL/port" allowed in or out of a Deployment's pods by the policies selecting them. */
  private static Set<String> allowedPorts(JsonNode deployment, String direction)
      throws IOException {
    Map<String, String> labels = podLabels(deployment);
    Set<String> out = new TreeSet<>();
    for (JsonNode np : byKind("NetworkPolicy").values()) {
      if (!selects(np.path("spec").path("podSelector"), labels)) {
        continue;
      }
      for (JsonNode rule : np.path("spec").path(direction)) {
        rule.path("ports")
            .forEach(
                p -> out.add(p.path("protocol").asText("TCP") + "/" + p.path("port").asText()));
      }
    }
    return out;
  }

  private static Map<String, String> podLabels(JsonNode deployment) {
    Map<String, String> labels = new TreeMap<>();
    deployment
        .path("spec")
        .path("template")
        .path("metadata")
        .path("labels")
        .fields()
        .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
    return labels;
  }

  /** A LabelSelector against labels: matchLabels and matchExpressions (In, NotIn, Exists). */
  private static boolean selects(JsonNode selector, Map<String, String> labels) {
    var wanted = selector.path("matchLabels").fields();
    while (wanted.hasNext()) {
      var w = wanted.next();
      if (!w.getValue().asText().equals(labels.get(w.getKey()))) {
        return false;
      }
    }
    for (JsonNode x : selector.path("matchExpressions")) {
      String value = labels.get(x.path("key").asText());
      List<String> values = texts(x.path("values"));
      boolean ok =
          switch (x.path("operator").asText()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException(x.toString());
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static List<String> kustomizationsUnder(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      List<String> out = new ArrayList<>();
      for (Path f :
          files.filter(p -> p.getFileName().toString().matches("kustomization\\.ya?ml")).toList()) {
        out.add(Files.readString(f));
      }
      return out;
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
