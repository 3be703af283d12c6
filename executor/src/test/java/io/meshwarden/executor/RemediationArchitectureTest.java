package io.meshwarden.executor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The executor has no model of drift of its own: whether a workload drifts, and which revision it
 * should run, is decided by the rule that raised the finding ({@code Recheck}), never by the
 * executor reading the injection model, proxy images or a pod's sidecar status itself.
 */
class RemediationArchitectureTest {

  private final JavaClasses executor =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshwarden.executor");

  @Test
  void theExecutorJudgesDriftOnlyThroughTheRules() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.meshwarden.core.model.InjectionModel")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.meshwarden.core.model.ProxyImages")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.meshwarden.core.model.ProxyStateReader")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.meshwarden.core.model.InjectionVerdict")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.meshwarden.core.model.PodView")
        .check(executor);
  }
}
