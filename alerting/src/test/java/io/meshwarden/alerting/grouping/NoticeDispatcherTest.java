package io.meshwarden.alerting.grouping;

import static io.meshwarden.alerting.Fixtures.T0;
import static io.meshwarden.alerting.Fixtures.remediation;
import static io.meshwarden.alerting.Fixtures.routing;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.alerting.config.RoutingConfig;
import io.meshwarden.alerting.model.Alert;
import io.meshwarden.common.protocol.RemediationRecord.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Action notices through the dispatcher: told once, filtered by outcome per route. */
class NoticeDispatcherTest {

  static final RoutingConfig CONFIG =
      routing(
          """
          receivers:
            - {name: hook, webhook: {url: "http://localhost:1/h"}}
            - {name: audit, webhook: {url: "http://localhost:1/a"}}
          route:
            receiver: hook
            group_by: [cluster, namespace, code]
            group_wait: 10s
            group_interval: 1m
            repeat_interval: 5m
            routes:
              - match: {namespace: audited}
                receiver: audit
                notify_outcomes: [STARTED, SUCCEEDED, FAILED, SKIPPED, HALTED]
          """);

  final OffsetTracker offsets = new OffsetTracker();
  final Dispatcher dispatcher = Dispatcher.forNotices(CONFIG, offsets);
  long offset;

  @ParameterizedTest
  @CsvSource({
    "FAILED,    shop,    hook,  true",
    "HALTED,    shop,    hook,  true",
    "SKIPPED,   shop,    hook,  true",
    "SUCCEEDED, shop,    hook,  false",
    "STARTED,   shop,    hook,  false",
    "SUCCEEDED, audited, audit, true",
    "STARTED,   audited, audit, true",
  })
  void outcomesAreNotifiedAsTheirRouteSays(
      Outcome outcome, String namespace, String receiver, boolean notified) {
    apply(remediation("req-1").on(namespace, "web").withOutcome(outcome).notice(), T0);

    List<Dispatch> sent = deliverAll(T0.plusSeconds(10));

    if (notified) {
      assertThat(sent)
          .singleElement()
          .satisfies(d -> assertThat(d.notification().receiver()).isEqualTo(receiver));
    } else {
      assertThat(sent).isEmpty();
    }
    assertThat(offsets.heldCount()).isZero();
    assertThat(offsets.committable().get("remediations").get(0)).isEqualTo(1L);
  }

  @Test
  void noticeIsToldOnceAndNeverRepeated() {
    apply(remediation("req-1").notice(), T0);
    apply(remediation("req-2").on("shop", "api").notice(), T0.plusSeconds(1));

    List<Dispatch> first = deliverAll(T0.plusSeconds(10));

    assertThat(first).singleElement();
    assertThat(first.get(0).notification().alerts()).hasSize(2).allMatch(Alert::firing);
    assertThat(deliverAll(T0.plusSeconds(10 + 60))).isEmpty();
    assertThat(deliverAll(T0.plusSeconds(10 + 3600))).isEmpty();
    assertThat(dispatcher.openGroups()).isZero();
  }

  @Test
  void copyOfAToldRecordIsNotToldAgain() {
    apply(remediation("req-1").notice(), T0);
    assertThat(deliverAll(T0.plusSeconds(10))).hasSize(1);

    apply(remediation("req-1").notice(), T0.plusSeconds(20));

    assertThat(deliverAll(T0.plusSeconds(80))).isEmpty();
    assertThat(offsets.heldCount()).isZero();
  }

  @Test
  void recordReadAgainAfterARestartIsNotToldTwice() {
    apply(remediation("req-1").notice(), T0);
    Dispatcher.Step step = dispatcher.due(T0.plusSeconds(10));
    List<LedgerChange> ledger = new ArrayList<>(step.changes());
    ledger.addAll(dispatcher.completed(step.dispatches().get(0), T0.plusSeconds(11)));
    // Crash before the offset was committed: the record is read again.
    OffsetTracker restartedOffsets = new OffsetTracker();
    Dispatcher restarted = restartedWith(ledger, restartedOffsets);
    restarted.apply(remediation("req-1").notice(), 0, ref(0), T0.plusSeconds(100));

    assertThat(restarted.due(T0.plusSeconds(110)).dispatches()).isEmpty();
    assertThat(restartedOffsets.committable().get("remediations").get(0)).isEqualTo(1L);
  }

  @Test
  void crashBeforeDeliveryResendsTheSameNotificationId() {
    apply(remediation("req-1").notice(), T0);
    Dispatcher.Step step = dispatcher.due(T0.plusSeconds(10));
    String id = step.dispatches().get(0).notification().id();

    Dispatcher restarted = restartedWith(step.changes(), new OffsetTracker());
    restarted.apply(remediation("req-1").notice(), 0, ref(0), T0.plusSeconds(100));

    assertThat(restarted.due(T0.plusSeconds(110)).dispatches())
        .singleElement()
        .satisfies(d -> assertThat(d.notification().id()).isEqualTo(id));
  }

  @Test
  void ledgerEntriesGoOnceTheCommittedOffsetPassesTheirRecords() {
    apply(remediation("req-1").notice(), T0);
    apply(remediation("req-2").on("shop", "api").notice(), T0);
    deliverAll(T0.plusSeconds(10));
    assertThat(dispatcher.ledgerSize()).isEqualTo(2);

    assertThat(dispatcher.purgeNotices(Map.of(0, 1L)))
        .singleElement()
        .satisfies(c -> assertThat(c.entry()).isNull());
    assertThat(dispatcher.ledgerSize()).isEqualTo(1);
    assertThat(dispatcher.purgeNotices(Map.of(1, 5L))).isEmpty();
    assertThat(dispatcher.purgeNotices(Map.of(0, 2L))).hasSize(1);
    assertThat(dispatcher.ledgerSize()).isZero();
  }

  private Dispatcher restartedWith(List<LedgerChange> changes, OffsetTracker tracker) {
    Dispatcher d = Dispatcher.forNotices(CONFIG, tracker);
    changes.forEach(
        c -> {
          if (c.entry() == null) {
            d.forgetEntry(c.key());
          } else {
            d.restore(c.entry());
          }
        });
    return d;
  }

  private static RecordRef ref(long offset) {
    return new RecordRef("remediations", 0, offset);
  }

  private void apply(Alert alert, Instant at) {
    dispatcher.apply(alert, 0, ref(offset++), at);
  }

  private List<Dispatch> deliverAll(Instant now) {
    List<Dispatch> out = dispatcher.due(now).dispatches();
    out.forEach(d -> dispatcher.completed(d, now));
    return out;
  }
}
