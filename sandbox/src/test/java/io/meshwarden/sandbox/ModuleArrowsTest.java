package io.meshwarden.sandbox;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module arrows point down only: {@code common} ← {@code core} ← {{@code reconciler}, {@code
 * executor}, {@code analyze}}; {@code watcher} and {@code alerting} stand on {@code common}; no
 * production class uses {@code testkit} or {@code sandbox}. The sandbox sees every module, so it is
 * where the whole picture can be checked (each module's pom only lists what it may use; this also
 * catches a dependency added to the wrong pom).
 */
class ModuleArrowsTest {

  private static final JavaClasses MAIN_CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshwarden");

  @Test
  void dependenciesBetweenModulesPointDownOnly() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("common")
        .definedBy("io.meshwarden.common..")
        .layer("core")
        .definedBy("io.meshwarden.core..")
        .layer("reconciler")
        .definedBy("io.meshwarden.reconciler..")
        .layer("executor")
        .definedBy("io.meshwarden.executor..")
        .layer("analyze")
        .definedBy("io.meshwarden.analyze..")
        .layer("watcher")
        .definedBy("io.meshwarden.watcher..")
        .layer("alerting")
        .definedBy("io.meshwarden.alerting..")
        .layer("testkit")
        .definedBy("io.meshwarden.testkit..")
        .layer("sandbox")
        .definedBy("io.meshwarden.sandbox..")
        .whereLayer("core")
        .mayOnlyBeAccessedByLayers("reconciler", "executor", "analyze", "sandbox")
        .whereLayer("reconciler")
        .mayOnlyBeAccessedByLayers("sandbox")
        .whereLayer("executor")
        .mayOnlyBeAccessedByLayers("sandbox")
        .whereLayer("watcher")
        .mayOnlyBeAccessedByLayers("sandbox")
        .whereLayer("alerting")
        .mayOnlyBeAccessedByLayers("sandbox")
        .whereLayer("analyze")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("testkit")
        .mayOnlyBeAccessedByLayers("sandbox")
        .whereLayer("sandbox")
        .mayNotBeAccessedByAnyLayer()
        .check(MAIN_CLASSES);
  }
}
