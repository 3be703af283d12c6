package io.meshwarden.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.kafka.KafkaParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

  /** Surefire runs in the module directory; the docs live one level up. */
  private static final Path DOC = Path.of("..", "docs", "configuration.md");

  @Test
  void configurationPageHoldsTheTableGeneratedFromTheDeclarations() throws IOException {
    var schema = ConfigSchema.of(CommonParameters.all()).plus(KafkaParameters.all());

    assertThat(Files.readString(DOC))
        .as("regenerate the table in docs/configuration.md from ConfigDocs.markdownTable")
        .contains(ConfigDocs.markdownTable(schema));
  }

  @Test
  void marksRequiredDefaultedAndSecretParameters() {
    var table = ConfigDocs.markdownTable(ConfigSchema.of(KafkaParameters.all()));

    assertThat(table)
        .contains(
            "| `kafka.bootstrap-servers` | `MW_KAFKA_BOOTSTRAP_SERVERS` | a comma-separated list |"
                + " **required** |")
        .contains(
            "| `kafka.security-protocol` | `MW_KAFKA_SECURITY_PROTOCOL` | one of PLAINTEXT, SSL,"
                + " SASL_PLAINTEXT, SASL_SSL | `PLAINTEXT` |")
        .contains("| `kafka.client.*` | `MW_KAFKA_CLIENT_*` | text |  |")
        .containsPattern("kafka.sasl.password.*Secret: masked in logs");
  }
}
