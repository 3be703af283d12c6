package io.meshwarden.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.meshwarden.core.policy.RemediationSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The hand-written CRD loads and stays in step with {@link io.meshwarden.core.policy
 * .PolicyParser}; the executor's ClusterRole grants what the issue lists and nothing more.
 */
class RemediationDeployTest {

  private static final Path BASE = Path.of("..", "deploy", "base");

  private static <T> T load(String file, Class<T> type) throws IOException {
    try (InputStream in = Files.newInputStream(BASE.resolve(file))) {
      return Serialization.unmarshal(in, type);
    }
  }

  @Test
  void theCrdIsClusterScopedWithAStatusSubresourceAndTheParsersFields() throws IOException {
    CustomResourceDefinition crd =
        load(
            "040-CustomResourceDefinition-injectionpolicies.meshwarden.io.yaml",
            CustomResourceDefinition.class);

    assertThat(crd.getSpec().getGroup()).isEqualTo(PolicyStore.CONTEXT.getGroup());
    assertThat(crd.getSpec().getNames().getPlural()).isEqualTo(PolicyStore.CONTEXT.getPlural());
    assertThat(crd.getSpec().getScope()).isEqualTo("Cluster");
    CustomResourceDefinitionVersion v = crd.getSpec().getVersions().get(0);
    assertThat(v.getName()).isEqualTo(PolicyStore.CONTEXT.getVersion());
    assertThat(v.getSubresources().getStatus()).isNotNull();
    JSONSchemaProps spec = v.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    assertThat(spec.getProperties().keySet())
        .containsExactlyInAnyOrder(
            "namespaceSelector",
            "workloadSelector",
            "requireInjection",
            "revision",
            "mode",
            "remediation",
            "alerting");
    assertThat(spec.getProperties().get("mode").getEnum())
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("\"audit\"", "\"enforce\"");
    Set<String> settings =
        Arrays.stream(RemediationSettings.class.getRecordComponents())
            .map(c -> c.getName())
            .collect(Collectors.toSet());
    assertThat(spec.getProperties().get("remediation").getProperties().keySet())
        .isEqualTo(settings);
    assertThat(spec.getProperties().get("namespaceSelector").getProperties().keySet())
        .containsExactlyInAnyOrder("matchLabels", "matchExpressions");
  }

  @Test
  void theExecutorMayPatchWorkloadsCreateEventsAndWritePolicyStatusButNothingElse()
      throws IOException {
    ClusterRole role = load("043-ClusterRole-meshwarden-remediation.yaml", ClusterRole.class);

    Set<String> grants = new HashSet<>();
    for (PolicyRule rule : role.getRules()) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            grants.add(group + "/" + resource + ":" + verb);
          }
        }
      }
    }
    Set<String> writes =
        grants.stream()
            .filter(
                g ->
                    List.of("create", "update", "patch", "delete", "deletecollection", "*")
                        .contains(g.substring(g.indexOf(':') + 1)))
            .collect(Collectors.toSet());

    assertThat(writes)
        .containsExactlyInAnyOrder(
            "apps/deployments:patch",
            "apps/statefulsets:patch",
            "apps/daemonsets:patch",
            "events.k8s.io/events:create",
            "meshwarden.io/injectionpolicies/status:patch");
    assertThat(grants)
        .contains(
            "/pods:list",
            "policy/poddisruptionbudgets:list",
            "meshwarden.io/injectionpolicies:list")
        .noneMatch(g -> g.contains("secrets") || g.contains("*"));
  }
}
