package io.meshwarden.alerting.grouping;

import io.meshwarden.alerting.config.ReceiverConfig;
import io.meshwarden.alerting.config.RoutingConfig;
import io.meshwarden.alerting.model.Alert;
import io.meshwarden.alerting.routing.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes alerts into groups and decides, level-triggered, what each group must tell its receiver:
 * the group's current alerts are compared with the {@link LedgerEntry ledger} of what the receiver
 * was already told. New firing alerts and newly resolved ones make a notification; an unchanged
 * group is notified again after its repeat interval (or the receiver's resend interval, for
 * Alertmanager). A notification's id is written to the ledger before it is sent, so after a crash
 * the same notification is sent again with the same id rather than a second, different one.
 *
 * <p>In {@linkplain #forNotices notice mode} every alert is an action notice: told once to each
 * route whose {@code notify_outcomes} include its outcome, never repeated and never resolved. Its
 * ledger entry remembers the record's offset and is kept until the committed offset passes it, so a
 * record read again after a crash is not told twice.
 *
 * <p>Pure and single-threaded: time comes in as arguments, Kafka stays outside. Owned by the
 * consumer thread.
 */
public final class Dispatcher {

  /** What a step decided: notifications to send and ledger changes to write first. */
  public record Step(List<Dispatch> dispatches, List<LedgerChange> changes) {}

  private final RoutingConfig config;
  private final OffsetTracker offsets;
  private final Map<GroupKey, AlertGroup> groups = new LinkedHashMap<>();
  private final Map<String, LedgerEntry> ledger = new HashMap<>();
  private final String nonce = java.util.UUID.randomUUID().toString();
  private final boolean notices;
  private long sequence;

  public Dispatcher(RoutingConfig config, OffsetTracker offsets) {
    this(config, offsets, false);
  }

  private Dispatcher(RoutingConfig config, OffsetTracker offsets, boolean notices) {
    this.config = config;
    this.offsets = offsets;
    this.notices = notices;
  }

  /** A dispatcher of action notices (from remediation records) rather than findings. */
  public static Dispatcher forNotices(RoutingConfig config, OffsetTracker offsets) {
    return new Dispatcher(config, offsets, true);
  }

  /** Whether this dispatcher handles action notices. */
  public boolean notices() {
    return notices;
  }

  /** Routes one alert read from {@code partition} at {@code ref} into its groups. */
  public void apply(Alert alert, int partition, RecordRef ref, Instant now) {
    List<Route> routes = config.route().match(alert.labels());
    if (notices) {
      routes = routes.stream().filter(r -> r.notifies(alert.label("outcome"))).toList();
    }
    for (Route route : routes) {
      GroupKey key = GroupKey.of(route.receiver(), route.id(), route.group(), alert);
      groups
          .computeIfAbsent(key, k -> new AlertGroup(k, route.group(), now))
          .upsert(alert, partition, ref);
    }
    if (ref != null) {
      offsets.consumed(ref, routes.size());
    }
  }

  /** A deleted finding: resolves it in every group that still holds it as firing. */
  public void remove(String fingerprint, RecordRef ref, Instant now) {
    int held = 0;
    for (AlertGroup g : groups.values()) {
      AlertGroup.Member m = g.members.get(fingerprint);
      if (m != null) {
        if (m.alert.firing()) {
          m.alert = m.alert.resolvedAt(now);
        }
        if (ref != null) {
          m.refs.add(ref);
          held++;
        }
      }
    }
    if (ref != null) {
      offsets.consumed(ref, held);
    }
  }

  /** Restores a ledger entry read from the state topic. */
  public void restore(LedgerEntry entry) {
    ledger.put(entry.key(), entry);
  }

  /** Forgets a ledger entry deleted in the state topic. */
  public void forgetEntry(String key) {
    ledger.remove(key);
  }

  /** Drops alerts and ledger entries of partitions this instance no longer owns. */
  public void revoke(Set<Integer> partitions) {
    ledger.values().removeIf(e -> partitions.contains(e.partition()));
    groups
        .values()
        .forEach(g -> g.members.values().removeIf(m -> partitions.contains(m.partition)));
    groups.values().removeIf(AlertGroup::idle);
  }

  /** Groups that are due at {@code now}: what to send, and the ledger intents to write first. */
  public Step due(Instant now) {
    List<Dispatch> out = new ArrayList<>();
    List<LedgerChange> changes = new ArrayList<>();
    for (AlertGroup g : groups.values()) {
      if (!g.inFlight && !g.nextFlush.isAfter(now)) {
        g.nextFlush = now.plus(g.settings.groupInterval());
        Dispatch d = flush(g, now, changes);
        if (d != null) {
          g.inFlight = true;
          out.add(d);
        }
      }
    }
    groups.values().removeIf(AlertGroup::idle);
    return new Step(out, changes);
  }

  /**
   * A dispatch was delivered or dead-lettered: the ledger records it as told (a dead-lettered one
   * too: the dead-letter topic and {@code replay-dlq} own it from here), resolved alerts leave the
   * group, the records it covered are released.
   */
  public List<LedgerChange> completed(Dispatch d, Instant now) {
    List<LedgerChange> changes = new ArrayList<>();
    Notification n = d.notification();
    GroupKey key = d.group();
    AlertGroup g = groups.get(key);
    for (Alert a : n.alerts()) {
      String k = LedgerEntry.keyOf(n.receiver(), d.routeId(), a.fingerprint());
      LedgerEntry e = ledger.get(k);
      if (e == null) {
        continue; // the partition was revoked meanwhile; its new owner decides
      }
      if (a.firing()) {
        LedgerEntry fired = e.firedAt(now);
        ledger.put(k, fired);
        changes.add(LedgerChange.put(fired));
        if (notices && g != null) {
          // Told once: a notice never repeats. A copy of its record read meanwhile is done too.
          AlertGroup.Member told = g.members.remove(a.fingerprint());
          if (told != null) {
            told.refs.forEach(offsets::release);
          }
        }
      } else {
        ledger.remove(k);
        changes.add(LedgerChange.delete(e));
        if (g != null) {
          g.members.computeIfPresent(a.fingerprint(), (f, m) -> m.alert.firing() ? m : null);
        }
      }
    }
    if (g != null) {
      g.inFlight = false;
      if (g.idle()) {
        groups.remove(key);
      }
    }
    d.refs().forEach(offsets::release);
    return changes;
  }

  /**
   * Deletes the ledger entries of notices whose records lie below the {@code committed} offsets (by
   * partition): those records are never read again, so their entries need no memory.
   */
  public List<LedgerChange> purgeNotices(Map<Integer, Long> committed) {
    List<LedgerChange> out = new ArrayList<>();
    ledger
        .values()
        .removeIf(
            e -> {
              Long c = committed.get(e.partition());
              boolean done = e.notice() && c != null && e.offset() < c;
              if (done) {
                out.add(LedgerChange.delete(e));
              }
              return done;
            });
    return out;
  }

  /** Groups open now. */
  public int openGroups() {
    return groups.size();
  }

  /** Ledger entries held now. */
  public int ledgerSize() {
    return ledger.size();
  }

  private Dispatch flush(AlertGroup g, Instant now, List<LedgerChange> changes) {
    ReceiverConfig receiver = config.receiver(g.key.receiver());
    String routeId = g.key.routeId();
    Map<String, List<AlertGroup.Member>> pending = new LinkedHashMap<>();
    List<AlertGroup.Member> firing = new ArrayList<>();
    List<AlertGroup.Member> newFiring = new ArrayList<>();
    List<AlertGroup.Member> resolved = new ArrayList<>();
    Instant lastSent = null;
    if (notices) {
      dropTold(g);
    }
    for (AlertGroup.Member m : g.members.values()) {
      LedgerEntry e = ledger.get(entryKey(g, m));
      if (e != null && e.pendingId() != null) {
        pending.computeIfAbsent(e.pendingId(), id -> new ArrayList<>()).add(m);
      }
      if (m.alert.firing()) {
        firing.add(m);
        if (e == null || !e.notifiedFiring()) {
          newFiring.add(m);
        } else if (lastSent == null || e.sentAt().isAfter(lastSent)) {
          lastSent = e.sentAt();
        }
      } else if (e != null && e.notifiedFiring()) {
        resolved.add(m);
      }
    }
    if (!pending.isEmpty()) {
      // Finish what a previous run started, with the same id, before anything new.
      Map.Entry<String, List<AlertGroup.Member>> first = pending.entrySet().iterator().next();
      return dispatch(g, first.getKey(), first.getValue(), now, changes, receiver);
    }
    boolean repeatDue =
        !firing.isEmpty() && lastSent != null && !now.isBefore(lastSent.plus(repeat(g, receiver)));
    boolean tellResolved = receiver.sendResolved() && !resolved.isEmpty();
    if (newFiring.isEmpty() && !tellResolved && !repeatDue) {
      resolved.forEach(m -> forgetResolved(g, m, changes));
      dropUntold(g);
      g.takeRefs().forEach(offsets::release);
      return null;
    }
    if (!receiver.sendResolved()) {
      resolved.forEach(m -> forgetResolved(g, m, changes));
      resolved.clear();
    }
    dropUntold(g);
    List<AlertGroup.Member> members = new ArrayList<>(firing);
    members.addAll(resolved);
    String id = notificationId(g, now);
    return dispatch(g, id, members, now, changes, receiver);
  }

  private Dispatch dispatch(
      AlertGroup g,
      String id,
      List<AlertGroup.Member> members,
      Instant now,
      List<LedgerChange> changes,
      ReceiverConfig receiver) {
    List<Alert> alerts =
        members.stream()
            .map(m -> m.alert)
            .sorted(
                Comparator.comparing((Alert a) -> !a.firing()).thenComparing(Alert::fingerprint))
            .toList();
    for (AlertGroup.Member m : members) {
      String k = entryKey(g, m);
      LedgerEntry e = ledger.get(k);
      if (e == null) {
        e =
            new LedgerEntry(
                g.key.receiver(),
                g.key.routeId(),
                m.alert.fingerprint(),
                m.partition,
                false,
                null,
                null,
                null,
                notices ? m.offset : null);
      }
      if (!id.equals(e.pendingId())) {
        e = e.pending(id, m.alert.status());
        ledger.put(k, e);
        changes.add(LedgerChange.put(e));
      }
    }
    Notification n =
        new Notification(
            id, receiver.name(), g.key.toString(), g.key.hash(), g.key.labels(), alerts, now);
    return new Dispatch(n, g.key, g.takeRefs());
  }

  private void forgetResolved(AlertGroup g, AlertGroup.Member m, List<LedgerChange> changes) {
    LedgerEntry e = ledger.remove(entryKey(g, m));
    if (e != null) {
      changes.add(LedgerChange.delete(e));
    }
    g.members.remove(m.alert.fingerprint());
    m.refs.forEach(offsets::release);
  }

  /** Notices already told (a record read again after a restart) leave without a word. */
  private void dropTold(AlertGroup g) {
    g.members
        .values()
        .removeIf(
            m -> {
              LedgerEntry e = ledger.get(entryKey(g, m));
              if (e == null || !e.notifiedFiring() || e.pendingId() != null) {
                return false;
              }
              m.refs.forEach(offsets::release);
              return true;
            });
  }

  /** Resolved alerts the receiver never heard of firing leave without a word. */
  private void dropUntold(AlertGroup g) {
    g.members
        .values()
        .removeIf(
            m -> {
              if (m.alert.firing()) {
                return false;
              }
              LedgerEntry e = ledger.get(entryKey(g, m));
              if (e != null && (e.notifiedFiring() || e.pendingId() != null)) {
                return false;
              }
              m.refs.forEach(offsets::release);
              return true;
            });
  }

  private static Duration repeat(AlertGroup g, ReceiverConfig receiver) {
    Duration r = g.settings.repeatInterval();
    Duration resend = receiver.resendInterval();
    return resend != null && resend.compareTo(r) < 0 ? resend : r;
  }

  private String notificationId(AlertGroup g, Instant now) {
    return GroupKey.sha256Hex(g.key + "|" + now.toEpochMilli() + "|" + (++sequence) + "|" + nonce);
  }

  private static String entryKey(AlertGroup g, AlertGroup.Member m) {
    return LedgerEntry.keyOf(g.key.receiver(), g.key.routeId(), m.alert.fingerprint());
  }
}
