package io.meshwarden.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  @Test
  void recordThatWasReadCarriesTheRequiredAndTheSourceHeaders() {
    Headers h = DeadLetters.headers("MALFORMED", "not JSON", "mw.objects", 3, 17L, "remediation");

    assertThat(DeadLetters.missing(h)).isEmpty();
    assertThat(DeadLetters.SOURCE).allMatch(k -> h.lastHeader(k) != null);
    assertThat(text(h, DeadLetters.PARTITION)).isEqualTo("3");
    assertThat(text(h, DeadLetters.OFFSET)).isEqualTo("17");
    assertThat(text(h, DeadLetters.ROLE)).isEqualTo("remediation");
  }

  @Test
  void streamHeadersNameTheReconciler() {
    Headers h = DeadLetters.headers("MALFORMED", null, "mw.objects", 0, 0L);

    assertThat(text(h, DeadLetters.ROLE)).isEqualTo("reconciler");
    assertThat(text(h, DeadLetters.ERROR)).as("a null message is written empty").isEmpty();
  }

  @Test
  void somethingNotReadCarriesTheRequiredHeadersOnly() {
    Headers h = DeadLetters.headers(DeadLetters.UNDELIVERABLE, "HTTP 400", "alerting");

    assertThat(DeadLetters.missing(h)).isEmpty();
    assertThat(DeadLetters.SOURCE).allMatch(k -> h.lastHeader(k) == null);
  }

  @Test
  void missingNamesEachAbsentRequiredHeader() {
    Headers h = new RecordHeaders().add(DeadLetters.ERROR, new byte[0]);

    assertThat(DeadLetters.missing(h)).containsExactly(DeadLetters.REASON, DeadLetters.ROLE);
  }

  private static String text(Headers h, String key) {
    return new String(h.lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
