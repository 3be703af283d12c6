package io.meshwarden.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshwarden.common.projection.WatchedKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The RBAC manifests grant exactly what the informers read: no more, no less. */
class WatcherRbacTest {

  private static final Path BASE = Path.of("..", "deploy", "base");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void clusterRoleGrantsReadOnExactlyTheClusterWideWatchedKinds() throws Exception {
    JsonNode role = YAML.readTree(BASE.resolve("031-ClusterRole-meshwarden-watcher.yaml").toFile());

    Set<String> granted = grants(role, Set.of("list", "watch"));

    Set<String> watched =
        WatchedKind.all().stream()
            .filter(k -> k.scope() != WatchedKind.Scope.CONTROL_PLANE)
            .map(k -> k.group() + "/" + k.resource())
            .collect(Collectors.toSet());
    assertThat(granted).isEqualTo(watched);
    assertThat(grants(role, Set.of("get")))
        .contains("apiextensions.k8s.io/customresourcedefinitions");
    assertThat(verbsOf(role)).containsOnly("get", "list", "watch");
  }

  @Test
  void controlPlaneRoleGrantsReadOnConfigMapsOnly() throws Exception {
    JsonNode role =
        YAML.readTree(BASE.resolve("033-Role-meshwarden-watcher-control-plane.yaml").toFile());

    Set<String> watched =
        WatchedKind.all().stream()
            .filter(k -> k.scope() == WatchedKind.Scope.CONTROL_PLANE)
            .map(k -> k.group() + "/" + k.resource())
            .collect(Collectors.toSet());
    assertThat(grants(role, Set.of("list", "watch"))).isEqualTo(watched);
  }

  @Test
  void electionRoleTouchesOnlyLeases() throws Exception {
    JsonNode role =
        YAML.readTree(BASE.resolve("035-Role-meshwarden-watcher-election.yaml").toFile());

    assertThat(grants(role, Set.of("get", "create", "patch")))
        .containsExactly("coordination.k8s.io/leases");
    assertThat(verbsOf(role)).doesNotContain("delete", "list", "watch", "update");
  }

  @Test
  void everyManifestIsOneResourceNamedAfterIt() throws Exception {
    try (var files = Files.list(BASE)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        JsonNode doc = YAML.readTree(f.toFile());
        String expected =
            doc.get("kind").asText() + "-" + doc.get("metadata").get("name").asText() + ".yaml";
        assertThat(f.getFileName().toString()).as("file name of %s", f).endsWith(expected);
      }
    }
  }

  /** "group/resource" for every rule that has all of {@code verbs}. */
  private static Set<String> grants(JsonNode role, Set<String> verbs) {
    Set<String> out = new HashSet<>();
    for (JsonNode rule : role.get("rules")) {
      Set<String> ruleVerbs = new HashSet<>();
      rule.get("verbs").forEach(v -> ruleVerbs.add(v.asText()));
      if (!ruleVerbs.containsAll(verbs)) {
        continue;
      }
      for (JsonNode g : rule.get("apiGroups")) {
        rule.get("resources").forEach(r -> out.add(g.asText() + "/" + r.asText()));
      }
    }
    return out;
  }

  private static Set<String> verbsOf(JsonNode role) {
    Set<String> verbs = new HashSet<>();
    role.get("rules").forEach(r -> r.get("verbs").forEach(v -> verbs.add(v.asText())));
    return verbs;
  }
}
