package io.meshwarden.executor;
import io.meshwarden.core.remediation.DriftCheck;
import io.meshwarden.core.remediation.InjectorHealth;
import io.meshwarden.core.remediation.Guards;
import io.meshwarden.core.remediation.Decision;
import io.meshwarden.core.remediation.CircuitBreaker;
import io.meshwarden.core.remediation.Campaign;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The policy model and the executor's decisions are pure (STYLE.md §2): only the edges (live reads,
 * the restart patch, Kafka, Events, policy status) touch fabric8 or Kafka.
 */
class RemediationArchitectureTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(
              "io.meshwarden.core.policy", "io.meshwarden.executor");

  @Test
  void policiesAndDecisionsImportNeitherKafkaNorFabric8() {
    noClasses()
        .that()
        .resideInAPackage("io.meshwarden.core.policy..")
        .or()
        .haveSimpleNameStartingWith("Guards")
        .or()
        .haveSimpleNameStartingWith("Campaign")
        .or()
        .haveSimpleNameStartingWith("CircuitBreaker")
        .or()
        .haveSimpleNameStartingWith("DriftCheck")
        .or()
        .haveSimpleNameStartingWith("InjectorHealth")
        .or()
        .haveSimpleNameStartingWith("Decision")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "io.fabric8..")
        .check(classes);
  }
}
