package io.meshwarden.alerting.grouping;

import io.meshwarden.alerting.model.Alert;
import java.time.Instant;

/**
 * What one receiver was told about one alert on one route; kept in the compacted state topic under
 * {@link #key()} so a restart or rebalance does not notify twice.
 *
 * @param partition the findings partition the alert came from: its owner restores this entry
 * @param notifiedFiring whether the receiver was told the alert fires
 * @param sentAt when it was last told (repeat intervals count from here)
 * @param pendingId a notification about to be sent or being sent, or null
 * @param pendingStatus the alert's status in that pending notification, or null
 * @param offset for an action notice, the offset of the remediation record it came from (the entry
 *     is deleted once the committed offset passes it); null for findings
 */
public record LedgerEntry(
    String receiver,
    String routeId,
    String fingerprint,
    int partition,
    boolean notifiedFiring,
    Instant sentAt,
    String pendingId,
    Alert.Status pendingStatus,
    Long offset) {

  /** {@code receiver/route/fingerprint}. */
  public String key() {
    return keyOf(receiver, routeId, fingerprint);
  }

  /** The key of an entry. */
  public static String keyOf(String receiver, String routeId, String fingerprint) {
    return receiver + "/" + routeId + "/" + fingerprint;
  }

  /** This entry with a notification pending. */
  public LedgerEntry pending(String id, Alert.Status status) {
    return new LedgerEntry(
        receiver, routeId, fingerprint, partition, notifiedFiring, sentAt, id, status, offset);
  }

  /** This entry after a firing notification was delivered at {@code at}. */
  public LedgerEntry firedAt(Instant at) {
    return new LedgerEntry(receiver, routeId, fingerprint, partition, true, at, null, null, offset);
  }

  /** Whether this entry is of an action notice (not a finding). */
  public boolean notice() {
    return offset != null;
  }
}
