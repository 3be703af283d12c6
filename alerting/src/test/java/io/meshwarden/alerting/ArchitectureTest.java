package io.meshwarden.alerting;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The pure core (model, routing, grouping, templating, payload rendering) imports neither Kafka nor
 * an HTTP client, nor the edges that use them (STYLE.md §2): it takes records and returns records.
 */
class ArchitectureTest {

  static final String[] PURE = {
    "io.meshwarden.alerting.model..",
    "io.meshwarden.alerting.routing..",
    "io.meshwarden.alerting.grouping..",
    "io.meshwarden.alerting.template..",
    "io.meshwarden.alerting.receiver..",
  };

  static final String[] EDGES = {
    "org.apache.kafka..",
    "io.meshwarden.common.kafka..",
    "java.net.http..",
    "com.sun.net.httpserver..",
    "io.meshwarden.alerting.kafka..",
    "io.meshwarden.alerting.delivery..",
  };

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.meshwarden.alerting");

  @Test
  void pureCoreImportsNeitherKafkaNorHttpClients() {
    noEdgesFrom(PURE).check(classes);
  }

  @Test
  void theRuleCatchesTheEdgesThemselves() {
    // The same rule over the Kafka and delivery packages must fail, or it checks nothing.
    assertThatThrownBy(
            () ->
                noEdgesFrom("io.meshwarden.alerting.kafka..", "io.meshwarden.alerting.delivery..")
                    .check(classes))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("org.apache.kafka")
        .hasMessageContaining("java.net.http");
  }

  private static ArchRule noEdgesFrom(String... packages) {
    return noClasses()
        .that()
        .resideInAnyPackage(packages)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(EDGES)
        .allowEmptyShould(false);
  }
}
