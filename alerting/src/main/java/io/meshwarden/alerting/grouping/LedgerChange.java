package io.meshwarden.alerting.grouping;

/**
 * A change to write to the state topic: the new entry, or a deletion (tombstone) of {@code key}.
 *
 * @param entry the new entry; null deletes
 */
public record LedgerChange(String key, int partition, LedgerEntry entry) {

  /** An upsert. */
  public static LedgerChange put(LedgerEntry entry) {
    return new LedgerChange(entry.key(), entry.partition(), entry);
  }

  /** A deletion. */
  public static LedgerChange delete(LedgerEntry entry) {
    return new LedgerChange(entry.key(), entry.partition(), null);
  }
}
