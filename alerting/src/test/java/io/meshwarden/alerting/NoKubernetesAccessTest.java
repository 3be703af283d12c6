package io.meshwarden.alerting;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.meshwarden.testkit.kubernetes.DeployManifests;
import io.meshwarden.testkit.kubernetes.KubernetesApi;
import io.meshwarden.testkit.kubernetes.Rbac;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Alerting calls no Kubernetes API, so it gets no credentials: its service account is bound to no
 * role anywhere under deploy/, neither it nor the Deployment mounts a token, and its code uses
 * neither the fabric8 client nor the in-cluster API address or token.
 */
class NoKubernetesAccessTest {

  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final Path MAIN = Path.of("src", "main", "java");
  private static final String ACCOUNT = "meshwarden-alerting";

  /** What reaching the API without fabric8 would need: its address or the mounted token. */
  private static final Pattern IN_CLUSTER_API =
      Pattern.compile(
          "KUBERNETES_SERVICE_HOST|kubernetes\\.default|/var/run/secrets/kubernetes\\.io");

  private final JavaClasses main =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshwarden.alerting");

  @Test
  void theServiceAccountIsBoundToNoRoleAndNoTokenIsMounted() {
    List<HasMetadata> objects = DeployManifests.under(DEPLOY);

    assertThat(Rbac.bindingsOf(objects, "meshwarden", "meshwarden-watcher"))
        .as("bindings under deploy/ are read")
        .isNotEmpty();
    assertThat(Rbac.bindingsOf(objects, "meshwarden", ACCOUNT)).isEmpty();
    ServiceAccount account =
        objects.stream()
            .filter(ServiceAccount.class::isInstance)
            .map(ServiceAccount.class::cast)
            .filter(a -> ACCOUNT.equals(a.getMetadata().getName()))
            .findFirst()
            .orElseThrow();
    assertThat(account.getAutomountServiceAccountToken()).isFalse();
    // Overlay patches of the Deployment carry a partial pod spec: none may turn the token on.
    List<PodSpec> pods =
        objects.stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .filter(d -> ACCOUNT.equals(d.getMetadata().getName()))
            .map(d -> d.getSpec().getTemplate().getSpec())
            .filter(Objects::nonNull)
            .toList();
    assertThat(pods).extracting(PodSpec::getServiceAccountName).containsOnly(ACCOUNT);
    assertThat(pods).extracting(PodSpec::getAutomountServiceAccountToken).containsOnly(false);
  }

  @Test
  void theCodeDoesNotUseTheFabric8Client() {
    noFabric8().check(main);
  }

  @Test
  void theRuleCatchesAClassThatUsesTheClient() {
    JavaClasses testkit = new ClassFileImporter().importClasses(KubernetesApi.class);

    assertThatThrownBy(() -> noFabric8().check(testkit))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("io.fabric8.kubernetes.client");
  }

  @Test
  void theSourcesDoNotReachForTheInClusterApiOrToken() throws IOException {
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (IN_CLUSTER_API.matcher(Files.readString(f)).find()) {
          hits.add(f.toString());
        }
      }
    }
    assertThat(IN_CLUSTER_API.matcher("System.getenv(\"KUBERNETES_SERVICE_HOST\")").find())
        .isTrue();
    assertThat(hits).isEmpty();
  }

  private static ArchRule noFabric8() {
    return noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fabric8.kubernetes.client..", "io.fabric8.kubernetes.api..");
  }
}
