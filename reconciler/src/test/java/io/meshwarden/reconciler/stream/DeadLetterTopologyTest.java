package io.meshwarden.reconciler.stream;

import static io.meshwarden.core.fixtures.Fixtures.namespace;
import static io.meshwarden.core.fixtures.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.kafka.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Unreadable records go to the dead-letter topic with where they came from; the rest flows on. */
class DeadLetterTopologyTest {

  private final StreamHarness h = new StreamHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static String header(Headers headers, String key) {
    return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  @Test
  void routesAnUndecodableFactToTheDeadLetterTopicAndKeepsProcessing() {
    h.objects.pipeInput("shop/Pod/broken", "{not json".getBytes(StandardCharsets.UTF_8));
    h.objects.pipeInput(
        "shop/Pod/newer",
        "{\"schema\":\"meshwarden.io/facts/v2\",\"kind\":\"Pod\"}"
            .getBytes(StandardCharsets.UTF_8));
    h.put(
        namespace("shop", "istio-injection", "enabled"),
        pod("web-7d4b9c-a").ofDeployment("web", "7d4b9c").build());

    var letters = h.deadLetters.readRecordsToList();
    assertThat(letters).hasSize(2);
    TestRecord<String, byte[]> first = letters.get(0);
    assertThat(first.key()).isEqualTo("shop/Pod/broken");
    assertThat(new String(first.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    assertThat(header(first.headers(), DeadLetters.REASON)).isEqualTo("MALFORMED");
    assertThat(header(first.headers(), DeadLetters.TOPIC)).isEqualTo("mw.test.objects");
    assertThat(header(first.headers(), DeadLetters.PARTITION)).isEqualTo("0");
    assertThat(header(first.headers(), DeadLetters.OFFSET)).isEqualTo("0");
    assertThat(header(first.headers(), DeadLetters.ERROR)).contains("not JSON");
    assertThat(letters).allSatisfy(l -> assertThat(DeadLetters.missing(l.headers())).isEmpty());
    assertThat(header(first.headers(), DeadLetters.ROLE)).isEqualTo("reconciler");
    assertThat(header(letters.get(1).headers(), DeadLetters.REASON))
        .isEqualTo("UNSUPPORTED_SCHEMA");
    assertThat(header(letters.get(1).headers(), DeadLetters.OFFSET)).isEqualTo("1");
    assertThat(h.meter("meshwarden.reconciler.dead.letters", "topic", "objects")).isEqualTo(2.0);

    h.run(Duration.ofSeconds(31));
    assertThat(h.drainFindings())
        .anySatisfy(e -> assertThat(e.finding().code()).isEqualTo("MW0001"));
  }

  @Test
  void routesAnUndecodableMeshFactToTheDeadLetterSink() {
    h.mesh.pipeInput("Namespace//shop", "[]".getBytes(StandardCharsets.UTF_8));
    h.mesh.pipeInput("no-key-shape", "{}".getBytes(StandardCharsets.UTF_8));

    assertThat(h.meshDeadLetters).hasSize(2);
    assertThat(h.meshDeadLetters)
        .allSatisfy(l -> assertThat(DeadLetters.missing(l.headers())).isEmpty());
    assertThat(header(h.meshDeadLetters.get(0).headers(), DeadLetters.TOPIC))
        .isEqualTo("mw.test.mesh");
    assertThat(header(h.meshDeadLetters.get(1).headers(), DeadLetters.REASON))
        .isEqualTo("MALFORMED_KEY");
    assertThat(h.meter("meshwarden.reconciler.dead.letters", "topic", "mesh")).isEqualTo(2.0);
  }
}
