package io.meshwarden.alerting.grouping;

import static io.meshwarden.alerting.Fixtures.T0;
import static io.meshwarden.alerting.Fixtures.finding;
import static io.meshwarden.alerting.Fixtures.routing;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.alerting.config.RoutingConfig;
import io.meshwarden.alerting.model.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Grouping decisions, driven by explicit times: no clock, no sleeps. */
class DispatcherTest {

  static final RoutingConfig CONFIG =
      routing(
          """
          receivers:
            - {name: hook, webhook: {url: "http://localhost:1/h"}}
            - {name: quiet, webhook: {url: "http://localhost:1/q", send_resolved: false}}
            - {name: am, alertmanager: {urls: ["http://localhost:1"], resend_interval: 1m}}
          route:
            receiver: hook
            group_by: [cluster, namespace, code]
            group_wait: 30s
            group_interval: 5m
            repeat_interval: 4h
            routes:
              - {match: {team: quiet}, receiver: quiet}
              - {match: {team: am}, receiver: am}
          """);

  final OffsetTracker offsets = new OffsetTracker();
  final Dispatcher dispatcher = new Dispatcher(CONFIG, offsets);
  long offset;

  @Test
  void thousandFindingsInOneNamespaceMakeOneNotificationPerGroupPerInterval() {
    for (int i = 0; i < 1000; i++) {
      apply(finding("web-" + i).alert(), T0.plusMillis(i));
    }
    assertThat(dispatcher.due(T0.plusSeconds(29)).dispatches()).isEmpty();
    List<Dispatch> first = deliverAll(T0.plusSeconds(30));
    assertThat(first).hasSize(1);
    assertThat(first.get(0).notification().alerts()).hasSize(1000);
    // 500 more arrive within the next interval: one more notification, at the interval, not 500.
    for (int i = 1000; i < 1500; i++) {
      apply(finding("web-" + i).alert(), T0.plusSeconds(60));
    }
    assertThat(dispatcher.due(T0.plusSeconds(120)).dispatches()).isEmpty();
    List<Dispatch> second = deliverAll(T0.plusSeconds(330));
    assertThat(second).hasSize(1);
    assertThat(second.get(0).notification().firing()).hasSize(1500);
    assertThat(offsets.committable().get("findings").get(0)).isEqualTo(1500L);
  }

  @Test
  void unchangedGroupIsNotifiedAgainOnlyAfterItsRepeatInterval() {
    apply(finding("web-1").alert(), T0);
    assertThat(deliverAll(T0.plusSeconds(30))).hasSize(1);
    assertThat(deliverAll(T0.plusSeconds(30 + 300))).isEmpty();
    assertThat(deliverAll(T0.plus(Duration.ofHours(4)).plusSeconds(30))).hasSize(1);
  }

  @Test
  void alertmanagerReceiversGetOpenAlertsAgainEveryResendInterval() {
    apply(finding("web-1").withLabels(java.util.Map.of("team", "am")).alert(), T0);
    assertThat(deliverAll(T0.plusSeconds(30))).hasSize(1);
    // group_interval is 5m, the resend interval 1m: the first tick after 1m resends.
    assertThat(deliverAll(T0.plusSeconds(30 + 300))).hasSize(1);
  }

  @Test
  void resolvedAlertIsNotifiedOnceAndLeavesTheGroup() {
    apply(finding("web-1").alert(), T0);
    deliverAll(T0.plusSeconds(30));
    apply(finding("web-1").resolved().alert(), T0.plusSeconds(40));
    List<Dispatch> resolved = deliverAll(T0.plusSeconds(330));
    assertThat(resolved)
        .singleElement()
        .satisfies(d -> assertThat(d.notification().status()).isEqualTo(Alert.Status.RESOLVED));
    assertThat(deliverAll(T0.plusSeconds(630))).isEmpty();
    assertThat(dispatcher.openGroups()).isZero();
    assertThat(dispatcher.ledgerSize()).isZero();
  }

  @Test
  void receiverWithoutResolvedNotificationsForgetsResolvedAlertsSilently() {
    var quiet = java.util.Map.of("team", "quiet");
    apply(finding("web-1").withLabels(quiet).alert(), T0);
    deliverAll(T0.plusSeconds(30));
    apply(finding("web-1").withLabels(quiet).resolved().alert(), T0.plusSeconds(40));
    assertThat(deliverAll(T0.plusSeconds(330))).isEmpty();
    assertThat(dispatcher.ledgerSize()).isZero();
  }

  @Test
  void findingOpenedAndResolvedBeforeTheFirstFlushIsNeverNotified() {
    apply(finding("web-1").alert(), T0);
    apply(finding("web-1").resolved().alert(), T0.plusSeconds(10));
    assertThat(deliverAll(T0.plusSeconds(30))).isEmpty();
    assertThat(offsets.heldCount()).isZero();
  }

  @Test
  void restartWithTheLedgerSendsNothingAlreadyTold() {
    apply(finding("web-1").alert(), T0);
    Dispatcher.Step step = dispatcher.due(T0.plusSeconds(30));
    List<LedgerChange> ledger = new ArrayList<>(step.changes());
    ledger.addAll(dispatcher.completed(step.dispatches().get(0), T0.plusSeconds(31)));

    Dispatcher restarted = restartedWith(ledger);
    restarted.apply(finding("web-1").alert(), 0, null, T0.plusSeconds(100));
    restarted.apply(finding("web-2").alert(), 0, null, T0.plusSeconds(100));
    List<Dispatch> after = restarted.due(T0.plusSeconds(130)).dispatches();
    assertThat(after)
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.notification().alerts())
                    .extracting(a -> a.label("name"))
                    .containsExactlyInAnyOrder("web-1", "web-2"));
    // web-1 is only in it because the group's notification lists every firing alert; the ledger
    // shows web-2 is the news. Without web-2, nothing would be sent:
    Dispatcher again = restartedWith(ledger);
    again.apply(finding("web-1").alert(), 0, null, T0.plusSeconds(100));
    assertThat(again.due(T0.plusSeconds(130)).dispatches()).isEmpty();
  }

  @Test
  void crashAfterTheIntentResendsTheSameNotificationId() {
    apply(finding("web-1").alert(), T0);
    Dispatcher.Step step = dispatcher.due(T0.plusSeconds(30));
    String id = step.dispatches().get(0).notification().id();
    // Crash: the intent was written, the completion never was.
    Dispatcher restarted = restartedWith(step.changes());
    restarted.apply(finding("web-1").alert(), 0, null, T0.plusSeconds(100));
    restarted.apply(finding("web-2").alert(), 0, null, T0.plusSeconds(100));
    Dispatch again = restarted.due(T0.plusSeconds(130)).dispatches().get(0);
    assertThat(again.notification().id()).isEqualTo(id);
    assertThat(again.notification().alerts())
        .extracting(a -> a.label("name"))
        .containsExactly("web-1");
  }

  @Test
  void offsetsPassARecordOnlyAfterItsNotificationCompletes() {
    apply(finding("web-1").alert(), T0);
    apply(finding("web-2").inNamespace("other").alert(), T0);
    Dispatcher.Step step = dispatcher.due(T0.plusSeconds(30));
    assertThat(offsets.committable().get("findings").get(0)).isZero();
    Dispatch second = step.dispatches().get(1);
    dispatcher.completed(second, T0.plusSeconds(31));
    assertThat(offsets.committable().get("findings").get(0)).isZero();
    dispatcher.completed(step.dispatches().get(0), T0.plusSeconds(31));
    assertThat(offsets.committable().get("findings").get(0)).isEqualTo(2L);
  }

  private Dispatcher restartedWith(List<LedgerChange> changes) {
    Dispatcher d = new Dispatcher(CONFIG, new OffsetTracker());
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

  private void apply(Alert alert, Instant at) {
    dispatcher.apply(alert, 0, new RecordRef("findings", 0, offset++), at);
  }

  private List<Dispatch> deliverAll(Instant now) {
    List<Dispatch> out = dispatcher.due(now).dispatches();
    out.forEach(d -> dispatcher.completed(d, now));
    return out;
  }
}
