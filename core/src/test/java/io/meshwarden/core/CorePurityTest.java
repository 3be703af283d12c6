package io.meshwarden.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core is pure: it takes records and returns records. No Kafka, no Kubernetes client or model,
 * no HTTP, no metrics registry, no command line; and the model knows nothing of the rules built on
 * it. Every role above the core can then run the same code: the stream, the executor, analyze.
 */
class CorePurityTest {

  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshwarden.core");

  @Test
  void coreImportsNoKafkaNoKubernetesClientNoHttp() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "io.fabric8..",
            "com.sun.net.httpserver..",
            "java.net.http..",
            "io.micrometer..",
            "picocli..",
            "io.meshwarden.common.kafka..",
            "io.meshwarden.common.http..",
            "io.meshwarden.common.topics..")
        .check(CORE);
  }

  @Test
  void coreDependsOnNoModuleAboveIt() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.meshwarden.reconciler..",
            "io.meshwarden.executor..",
            "io.meshwarden.analyze..",
            "io.meshwarden.watcher..",
            "io.meshwarden.alerting..",
            "io.meshwarden.sandbox..",
            "io.meshwarden.testkit..")
        .check(CORE);
  }

  @Test
  void theModelDoesNotDependOnTheRulesOrTheLifecycle() {
    noClasses()
        .that()
        .resideInAPackage("io.meshwarden.core.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.meshwarden.core.rules..",
            "io.meshwarden.core.lifecycle..",
            "io.meshwarden.core.remediation..")
        .check(CORE);
  }
}
