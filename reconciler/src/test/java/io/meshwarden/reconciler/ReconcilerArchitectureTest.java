package io.meshwarden.reconciler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The reconciler talks to Kafka only: it never calls a Kubernetes API server (the executor acts on
 * the cluster), so its Deployment needs no RBAC at all.
 */
class ReconcilerArchitectureTest {

  private final JavaClasses reconciler =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshwarden.reconciler");

  @Test
  void theReconcilerUsesNoKubernetesClient() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("io.fabric8..").check(reconciler);
  }
}
