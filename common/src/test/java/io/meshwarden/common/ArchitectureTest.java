package io.meshwarden.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The library stays a library: no entry points, no Kubernetes client, no test code. */
class ArchitectureTest {

  private static final JavaClasses COMMON =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshwarden.common");

  @Test
  void commonDoesNotDependOnKubernetesClientsOrTestKits() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.fabric8..", "io.meshwarden.testkit..", "org.junit..")
        .check(COMMON);
  }

  @Test
  void theWireProtocolDoesNotDependOnOtherMeshwardenPackages() {
    noClasses()
        .that()
        .resideInAPackage("io.meshwarden.common.protocol..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.meshwarden.common.config..",
            "io.meshwarden.common.http..",
            "io.meshwarden.common.topics..")
        .check(COMMON);
  }

  @Test
  void commonHasNoMainMethod() {
    methods()
        .that()
        .haveName("main")
        .and()
        .areStatic()
        .should()
        .notBePublic()
        .allowEmptyShould(true)
        .check(COMMON);
  }
}
