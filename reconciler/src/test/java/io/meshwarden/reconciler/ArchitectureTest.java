package io.meshwarden.reconciler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The model and the rules are pure: no Kafka, no fabric8, no Streams (STYLE.md §2). */
class ArchitectureTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshwarden.reconciler");

  @Test
  void modelAndRulesImportNeitherKafkaNorFabric8() {
    noClasses()
        .that()
        .resideInAnyPackage("io.meshwarden.core.model..", "io.meshwarden.core.rules..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "io.fabric8..", "io.meshwarden.common.kafka..")
        .check(classes);
  }

  @Test
  void modelDoesNotDependOnRulesOrTheCli() {
    noClasses()
        .that()
        .resideInAPackage("io.meshwarden.core.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.meshwarden.core.rules..", "io.meshwarden.analyze..")
        .check(classes);
  }
}
