package io.meshwarden.alerting.kafka;

/** What an {@link AlertingService} reads. */
public enum Input {
  /**
   * {@code <prefix>.findings}: a compacted table, re-read from the start on assignment so groups
   * are rebuilt level-triggered.
   */
  FINDINGS,
  /**
   * {@code <prefix>.remediations}: an event log, read on from the committed offset; each selected
   * record is told once as an action notice.
   */
  REMEDIATIONS
}
