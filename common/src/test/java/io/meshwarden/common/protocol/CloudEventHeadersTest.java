package io.meshwarden.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class CloudEventHeadersTest {

  @Test
  void writesBinaryModeHeadersThatReadBack() {
    RecordHeaders headers = new RecordHeaders();
    CloudEventHeaders ce =
        new CloudEventHeaders(
            "0b5c",
            "/meshwarden/prod-eu/reconciler",
            CloudEventHeaders.TYPE_FINDING_OPENED,
            SampleRecords.T1,
            "fp-1");

    ce.writeTo(headers);

    assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
    assertThat(text(headers, "ce_type")).isEqualTo("io.meshwarden.finding.opened");
    assertThat(text(headers, "ce_time")).isEqualTo("2026-11-24T14:05:30.250Z");
    assertThat(text(headers, "content-type")).isEqualTo("application/json");
    assertThat(CloudEventHeaders.readFrom(headers)).isEqualTo(ce);
  }

  @Test
  void rewritingReplacesInsteadOfDuplicatingHeaders() {
    RecordHeaders headers = new RecordHeaders();
    new CloudEventHeaders("a", "/s", "t1", null, null).writeTo(headers);
    new CloudEventHeaders("b", "/s", "t2", null, null).writeTo(headers);

    assertThat(headers.headers("ce_id")).hasSize(1);
    assertThat(text(headers, "ce_id")).isEqualTo("b");
  }

  @Test
  void aRecordWithoutCloudEventHeadersReadsAsNull() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_id", "x".getBytes(StandardCharsets.UTF_8));

    assertThat(CloudEventHeaders.readFrom(headers)).isNull();
  }

  @Test
  void findingStateMapsToEventType() {
    assertThat(CloudEventHeaders.findingType(Finding.State.OPEN, true))
        .isEqualTo("io.meshwarden.finding.opened");
    assertThat(CloudEventHeaders.findingType(Finding.State.OPEN, false))
        .isEqualTo("io.meshwarden.finding.updated");
    assertThat(CloudEventHeaders.findingType(Finding.State.RESOLVED, false))
        .isEqualTo("io.meshwarden.finding.resolved");
  }

  private static String text(RecordHeaders h, String key) {
    return new String(h.lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
