package io.meshwarden.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

  private static ConfigParameter<String> string(String key) {
    return ConfigParameter.optional(key, ConfigType.STRING, "test");
  }

  @Test
  void rejectsTwoKeysThatShareAnEnvironmentVariable() {
    assertThatThrownBy(() -> ConfigSchema.of(List.of(string("a.b-c"), string("a.b.c"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("share environment variable MW_A_B_C");
  }

  @Test
  void rejectsTheSameKeyDeclaredTwice() {
    assertThatThrownBy(() -> ConfigSchema.of(List.of(string("a"))).plus(List.of(string("a"))))
        .hasMessageContaining("declared twice: a");
  }

  @Test
  void rejectsParameterWhoseEnvironmentVariableFallsUnderAPrefix() {
    var prefix = ConfigPrefix.of("kafka.client", "raw");

    assertThatThrownBy(() -> ConfigSchema.of(List.of(prefix, string("kafka.client-id"))))
        .hasMessageContaining("kafka.client-id is ambiguous with prefix kafka.client.*");
  }

  @Test
  void rejectsKeysThatAreNotDottedKebabCase() {
    assertThatThrownBy(() -> string("Kafka.Bootstrap"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not dotted kebab-case");
  }

  @Test
  void rejectsDefaultThatItsOwnValidatorRefuses() {
    var parameter = ConfigParameter.withDefault("port", ConfigType.INTEGER, 0, "test");

    assertThatThrownBy(() -> parameter.validatedBy(ConfigValidator.range(1, 10)))
        .hasMessageContaining("a number from 1 to 10");
  }

  @Test
  void suggestsOnlyKeysCloseEnoughToBeTypos() {
    var schema = ConfigSchema.of(List.of(string("http.port"), string("topic-prefix")));

    assertThat(schema.suggest("http.prot")).contains("http.port");
    assertThat(schema.suggest("topic.prefix")).contains("topic-prefix");
    assertThat(schema.suggest("something-else")).isEmpty();
  }
}
