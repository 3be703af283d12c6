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
import io.meshwarden.testkit.kubernetes.DeployManifests;
import io.meshwarden.testkit.kubernetes.KubernetesApi;
import io.meshwarden.testkit.kubernetes.NoApiAccess;
import io.meshwarden.testkit.kubernetes.Rbac;
import java.nio.file.Path;
import java.util.List;
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
    ServiceAccount account = NoApiAccess.serviceAccount(objects, ACCOUNT).orElseThrow();
    assertThat(account.getAutomountServiceAccountToken()).isFalse();
    // Overlay patches of the Deployment carry a partial pod spec: none may turn the token on.
    List<PodSpec> pods = NoApiAccess.podSpecs(objects, ACCOUNT);
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
  void theSourcesDoNotReachForTheInClusterApiOrToken() {
    List<String> hits = NoApiAccess.inClusterApiUses(MAIN);
    assertThat(
            NoApiAccess.IN_CLUSTER_API.matcher("System.getenv(\"KUBERNETES_SERVICE_HOST\")").find())
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
