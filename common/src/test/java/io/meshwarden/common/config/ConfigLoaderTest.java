package io.meshwarden.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.common.MeshwardenException;
import io.meshwarden.common.kafka.KafkaParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

  private static final ConfigSchema SCHEMA =
      ConfigSchema.of(CommonParameters.all()).plus(KafkaParameters.all());
  private static final Map<String, String> MINIMAL_ENV =
      Map.of("MW_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");

  @TempDir Path dir;

  private Path yaml(String text) throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, text);
    return file;
  }

  private Config load(Path file, Map<String, String> env, Map<String, String> flags) {
    return new ConfigLoader(SCHEMA).load(file, env, flags);
  }

  private static Map<String, String> env(String... keyValues) {
    Map<String, String> env = new HashMap<>(MINIMAL_ENV);
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return env;
  }

  @ParameterizedTest(name = "file={0} env={1} flag={2} -> {3} from {4}")
  @CsvSource(
      nullValues = "-",
      value = {
        "-,    -,    -,    8080, DEFAULT",
        "9001, -,    -,    9001, FILE",
        "9001, 9002, -,    9002, ENV",
        "-,    9002, -,    9002, ENV",
        "9001, 9002, 9003, 9003, FLAG",
        "9001, -,    9003, 9003, FLAG",
      })
  void laterLayersOverrideEarlierOnes(
      String file, String env, String flag, int expected, ConfigSource source) throws IOException {
    Path path = file == null ? null : yaml("http:\n  port: " + file + "\n");
    Map<String, String> environment = env == null ? env() : env("MW_HTTP_PORT", env);
    Map<String, String> flags = flag == null ? Map.of() : Map.of("http.port", flag);

    Config config = load(path, environment, flags);

    assertThat(config.get(CommonParameters.HTTP_PORT)).isEqualTo(expected);
    assertThat(config.origin("http.port").source()).isEqualTo(source);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "kafka.bootstrap-servers, MW_KAFKA_BOOTSTRAP_SERVERS",
    "http.port, MW_HTTP_PORT",
    "topic-prefix, MW_TOPIC_PREFIX",
    "kafka.sasl.oauth.token-endpoint-url, MW_KAFKA_SASL_OAUTH_TOKEN_ENDPOINT_URL",
  })
  void derivesEnvironmentVariableFromKey(String key, String env) {
    assertThat(ConfigKey.envNameOf(key)).isEqualTo(env);
  }

  @Test
  void readsEveryParameterFromItsDerivedEnvironmentVariable() {
    Config config = load(null, env("MW_TOPIC_PREFIX", "acme", "MW_CLUSTER", "prod-eu-1"), Map.of());

    assertThat(config.get(CommonParameters.TOPIC_PREFIX)).isEqualTo("acme");
    assertThat(config.find(CommonParameters.CLUSTER)).contains("prod-eu-1");
    assertThat(config.origin("cluster")).hasToString("env MW_CLUSTER");
  }

  @Test
  void flattensNestedAndDottedYamlKeysAlike() throws IOException {
    Path file =
        yaml(
            """
            cluster: prod-eu-1
            kafka.bootstrap-servers: [a:9092, b:9093]
            kafka:
              security-protocol: PLAINTEXT
            """);

    Config config = load(file, Map.of(), Map.of());

    assertThat(config.get(KafkaParameters.BOOTSTRAP_SERVERS)).containsExactly("a:9092", "b:9093");
    assertThat(config.find(CommonParameters.CLUSTER)).contains("prod-eu-1");
  }

  @Test
  void rejectsUnknownFileKeyNamingItAndSuggestingTheClosestKnownOne() throws IOException {
    Path file = yaml("kafka:\n  bootstrap-server: kafka:9092\n");

    assertThatThrownBy(() -> load(file, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "kafka.bootstrap-server (file " + file + "): unknown configuration key")
        .hasMessageContaining("did you mean kafka.bootstrap-servers?");
  }

  @Test
  void rejectsUnknownFlagKey() {
    assertThatThrownBy(() -> load(null, env(), Map.of("htp.port", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("htp.port (flag htp.port): unknown configuration key")
        .hasMessageContaining("did you mean http.port?");
  }

  @Test
  void onlyWarnsAboutUnknownEnvironmentVariablesSinceEnvironmentsAreShared() {
    Config config =
        load(null, env("MW_HTTP_PORTT", "1", "MW_LOG_FORMAT", "json", "HOME", "/root"), Map.of());

    assertThat(config.warnings())
        .containsExactly("Ignoring unknown environment variable MW_HTTP_PORTT");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "env,  abc",
    "env,  70000",
    "env,  -1",
    "file, 80.5",
    "flag, eighty",
  })
  void rejectsBadPortNamingKeySourceAndExpectation(String source, String value) throws IOException {
    Path file = source.equals("file") ? yaml("http.port: " + value + "\n") : null;
    Map<String, String> env = source.equals("env") ? env("MW_HTTP_PORT", value) : env();
    Map<String, String> flags = source.equals("flag") ? Map.of("http.port", value) : Map.of();
    String origin =
        switch (source) {
          case "env" -> "env MW_HTTP_PORT";
          case "file" -> "file " + file;
          default -> "flag http.port";
        };

    assertThatThrownBy(() -> load(file, env, flags))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "http.port ("
                + origin
                + "): expected a port number from 0 to 65535, got '"
                + value
                + "'")
        .extracting(e -> ((MeshwardenException) e).reason())
        .isEqualTo(MeshwardenException.Reason.INVALID_CONFIGURATION);
  }

  @ParameterizedTest(name = "cluster={0} valid={1}")
  @CsvSource({
    "prod-eu-1, true",
    "a, true",
    "Prod, false",
    "prod_eu, false",
    "-prod, false",
    "prod-, false",
    "a234567890123456789012345678901234567890123456789012345678901234, false",
    "a23456789012345678901234567890123456789012345678901234567890123, true",
  })
  void acceptsOnlyDns1123LabelsAsClusterName(String cluster, boolean valid) {
    var env = env("MW_CLUSTER", cluster);
    if (valid) {
      assertThat(load(null, env, Map.of()).find(CommonParameters.CLUSTER)).contains(cluster);
    } else {
      assertThatThrownBy(() -> load(null, env, Map.of()))
          .hasMessageContaining("cluster (env MW_CLUSTER): expected a DNS-1123 label");
    }
  }

  @Test
  void failsWhenRequiredParameterIsMissingAndSaysHowToSetIt() {
    assertThatThrownBy(() -> load(null, Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.bootstrap-servers: required but not set")
        .hasMessageContaining("MW_KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    var env = Map.of("MW_HTTP_PORT", "x", "MW_CLUSTER", "Bad");

    assertThatThrownBy(() -> load(null, env, Map.of("nope", "1")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(4)
                    .anySatisfy(p -> assertThat(p).startsWith("cluster (env MW_CLUSTER)"))
                    .anySatisfy(p -> assertThat(p).startsWith("http.port (env MW_HTTP_PORT)"))
                    .anySatisfy(p -> assertThat(p).startsWith("kafka.bootstrap-servers: required"))
                    .anySatisfy(p -> assertThat(p).startsWith("nope (flag nope)")));
  }

  @Test
  void treatsEmptyValuesAsUnsetSoLowerLayersShowThrough() throws IOException {
    Path file = yaml("http.port: 9001\n");

    Config config = load(file, env("MW_HTTP_PORT", "  "), Map.of("http.port", ""));

    assertThat(config.get(CommonParameters.HTTP_PORT)).isEqualTo(9001);
  }

  @Test
  void masksSecretsInEffectiveLinesAndShowsEachSource() throws IOException {
    Path file = yaml("kafka:\n  sasl:\n    username: svc\n");
    var env =
        env(
            "MW_KAFKA_SASL_PASSWORD",
            "hunter2-password",
            "MW_KAFKA_CLIENT_SSL_KEY_PASSWORD",
            "k3y-secret");

    Config config = load(file, env, Map.of("topic-prefix", "acme"));

    assertThat(config.effectiveConfigLines())
        .contains(
            "http.port = 8080  (default)",
            "kafka.bootstrap-servers = kafka:9092  (env MW_KAFKA_BOOTSTRAP_SERVERS)",
            "kafka.client.ssl.key.password = ******  (env MW_KAFKA_CLIENT_SSL_KEY_PASSWORD)",
            "kafka.sasl.password = ******  (env MW_KAFKA_SASL_PASSWORD)",
            "kafka.sasl.username = svc  (file " + file + ")",
            "kafka.tls.truststore-location = <unset>",
            "topic-prefix = acme  (flag topic-prefix)");
    assertThat(String.join("\n", config.effectiveConfigLines()) + config)
        .doesNotContain("hunter2")
        .doesNotContain("k3y-secret");
    assertThat(config.get(KafkaParameters.SASL_PASSWORD).reveal()).isEqualTo("hunter2-password");
  }

  @Test
  void readsSecretGivenAsFileReferenceTrimmed() throws IOException {
    Path secret = dir.resolve("password");
    Files.writeString(secret, "  from-a-mounted-file\n");

    Config config = load(null, env("MW_KAFKA_SASL_PASSWORD", "file:" + secret), Map.of());

    assertThat(config.get(KafkaParameters.SASL_PASSWORD).reveal()).isEqualTo("from-a-mounted-file");
    assertThat(config.effectiveConfigLines())
        .contains(
            "kafka.sasl.password = ******  (env MW_KAFKA_SASL_PASSWORD, read from " + secret + ")");
  }

  @Test
  void keepsFileReferenceLiteralForParametersThatAreNotSecret() {
    Config config = load(null, env("MW_KAFKA_SASL_USERNAME", "file:/nowhere"), Map.of());

    assertThat(config.find(KafkaParameters.SASL_USERNAME)).contains("file:/nowhere");
  }

  @Test
  void failsNamingKeyAndPathWhenSecretFileIsMissing() {
    Path missing = dir.resolve("absent");

    assertThatThrownBy(() -> load(null, env("MW_KAFKA_SASL_PASSWORD", "file:" + missing), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kafka.sasl.password (env MW_KAFKA_SASL_PASSWORD)")
        .hasMessageContaining("cannot read secret file " + missing);
  }

  @Test
  void neverEchoesSecretValueInErrors() throws IOException {
    Path empty = dir.resolve("empty");
    Files.writeString(empty, " \n");

    assertThatThrownBy(() -> load(null, env("MW_KAFKA_SASL_PASSWORD", "file:" + empty), Map.of()))
        .hasMessageContaining("secret file " + empty + " is empty");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unclosed flow list | 'kafka:\n  bootstrap-servers: [a:1\nhttp: 2\n' | line 3, column 5",
        "two colons | 'a: b: c\n' | line 1, column 5",
        "tab indent | 'a:\n\tb: 1\n' | line 2, column 1",
        "duplicate key | 'a: 1\na: 2\n' | Duplicate field 'a'",
      })
  void reportsMalformedYamlAsConfigExceptionWithPosition(String what, String text, String where)
      throws IOException {
    Path file = yaml(text.replace("\\n", "\n").replace("\\t", "\t"));

    assertThatThrownBy(() -> load(file, env(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Malformed YAML in " + file)
        .hasMessageContaining(where)
        .hasMessageNotContaining("com.fasterxml")
        .hasMessageNotContaining("\n");
  }

  @Test
  void rejectsYamlThatIsNotAMapping() throws IOException {
    Path file = yaml("- a\n- b\n");

    assertThatThrownBy(() -> load(file, env(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must hold a YAML mapping of keys, not a list");
  }

  @Test
  void rejectsKeyGivenBothNestedAndDotted() throws IOException {
    Path file = yaml("http.port: 1\nhttp:\n  port: 2\n");

    assertThatThrownBy(() -> load(file, env(), Map.of()))
        .hasMessageContaining("http.port (file " + file + "): given twice");
  }

  @Test
  void failsClearlyWhenFileIsMissing() {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> load(missing, env(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Configuration file " + missing + " does not exist");
  }

  @Test
  void passesPrefixEntriesThroughFromFileAndEnvironment() throws IOException {
    Path file = yaml("kafka:\n  client:\n    max.poll.records: 50\n    linger.ms: 5\n");

    Config config = load(file, env("MW_KAFKA_CLIENT_MAX_POLL_RECORDS", "100"), Map.of());

    assertThat(config.prefix(KafkaParameters.CLIENT))
        .containsExactlyInAnyOrderEntriesOf(Map.of("max.poll.records", "100", "linger.ms", "5"));
  }

  @Test
  void distinguishesUnsetOptionalFromDefaulted() {
    Config config = load(null, env(), Map.of());

    assertThat(config.find(CommonParameters.CLUSTER)).isEmpty();
    assertThatThrownBy(() -> config.get(CommonParameters.CLUSTER))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> CommonConfig.from(config).requireCluster())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MW_CLUSTER");
    assertThat(CommonConfig.from(config))
        .isEqualTo(new CommonConfig(java.util.Optional.empty(), "mw", 8080));
  }

  @Test
  void redactorMasksEveryLoadedSecretValue() {
    Config config = load(null, env("MW_KAFKA_SASL_PASSWORD", "s3cr3t-value"), Map.of());

    assertThat(config.redactor().apply("login with s3cr3t-value refused"))
        .isEqualTo("login with ****** refused");
    assertThat(List.of(config.redactor().apply("url?password=abc&user=x")))
        .containsExactly("url?password=******&user=x");
  }
}
