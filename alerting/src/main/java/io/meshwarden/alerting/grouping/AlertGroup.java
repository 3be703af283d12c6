package io.meshwarden.alerting.grouping;

import io.meshwarden.alerting.model.Alert;
import io.meshwarden.alerting.routing.GroupSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alerts of one group, the records that still wait for a notification about them, and when the
 * group may notify next. At most one notification per group is in flight, so a group's
 * notifications reach the receiver in order.
 */
final class AlertGroup {

  /** An alert in the group, where it came from, and the records not yet covered by a delivery. */
  static final class Member {
    Alert alert;
    final int partition;
    Long offset;
    final List<RecordRef> refs = new ArrayList<>();

    Member(Alert alert, int partition) {
      this.alert = alert;
      this.partition = partition;
    }
  }

  final GroupKey key;
  final GroupSettings settings;
  final Map<String, Member> members = new TreeMap<>();
  Instant nextFlush;
  boolean inFlight;

  AlertGroup(GroupKey key, GroupSettings settings, Instant createdAt) {
    this.key = key;
    this.settings = settings;
    this.nextFlush = createdAt.plus(settings.groupWait());
  }

  /** Adds or replaces an alert; the record is held until a notification covers it. */
  void upsert(Alert alert, int partition, RecordRef ref) {
    Member m = members.computeIfAbsent(alert.fingerprint(), f -> new Member(alert, partition));
    m.alert = alert;
    if (ref != null) {
      m.offset = ref.offset();
      m.refs.add(ref);
    }
  }

  /** Takes every member's held records (a notification now covers them, or none is needed). */
  List<RecordRef> takeRefs() {
    List<RecordRef> out = new ArrayList<>();
    members
        .values()
        .forEach(
            m -> {
              out.addAll(m.refs);
              m.refs.clear();
            });
    return out;
  }

  boolean idle() {
    return members.isEmpty() && !inFlight;
  }
}
