package io.meshwarden.alerting;

import io.meshwarden.alerting.config.RoutingConfig;
import io.meshwarden.alerting.config.RoutingConfigReader;
import io.meshwarden.alerting.model.Alert;
import io.meshwarden.alerting.model.AlertFactory;
import io.meshwarden.alerting.model.NoticeFactory;
import io.meshwarden.common.protocol.Finding;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.RemediationAction;
import io.meshwarden.common.protocol.RemediationRecord;
import io.meshwarden.common.protocol.Severity;
import java.time.Instant;
import java.util.Map;

/** Fixture builders shared by alerting's tests. */
public final class Fixtures {

  public static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
  public static final AlertFactory ALERTS =
      new AlertFactory("https://meshwarden.io/docs/rules/", "https://meshwarden.io/findings");

  public static final NoticeFactory NOTICES =
      new NoticeFactory("https://meshwarden.io/remediations");

  private Fixtures() {}

  /** An open finding on a pod; override with the with* methods. */
  public static FindingBuilder finding(String name) {
    return new FindingBuilder(name);
  }

  /** A FAILED rolling restart of a deployment; override with the with* methods. */
  public static RemediationBuilder remediation(String requestId) {
    return new RemediationBuilder(requestId);
  }

  /** Parses a routing file held in a string. */
  public static RoutingConfig routing(String yaml) {
    return new RoutingConfigReader(Map.of()).parse(yaml, "test");
  }

  /** Builder of findings. */
  public static final class FindingBuilder {
    private final String name;
    private String cluster = "prod-eu";
    private String namespace = "shop";
    private String code = "MW0101";
    private Severity severity = Severity.ERROR;
    private Map<String, String> labels = Map.of("team", "payments");
    private String message;
    private boolean resolved;

    FindingBuilder(String name) {
      this.name = name;
      this.message = "Pod " + name + " runs without its sidecar";
    }

    public FindingBuilder inNamespace(String ns) {
      this.namespace = ns;
      return this;
    }

    public FindingBuilder inCluster(String c) {
      this.cluster = c;
      return this;
    }

    public FindingBuilder withCode(String c) {
      this.code = c;
      return this;
    }

    public FindingBuilder withSeverity(Severity s) {
      this.severity = s;
      return this;
    }

    public FindingBuilder withLabels(Map<String, String> l) {
      this.labels = l;
      return this;
    }

    public FindingBuilder withMessage(String m) {
      this.message = m;
      return this;
    }

    public FindingBuilder resolved() {
      this.resolved = true;
      return this;
    }

    public Finding build() {
      return new Finding(
          null,
          null,
          cluster,
          new ObjectRef("Pod", namespace, name, "uid-" + name),
          code,
          null,
          severity,
          resolved ? Finding.State.RESOLVED : Finding.State.OPEN,
          message,
          Map.of(),
          labels,
          T0,
          T0,
          resolved ? T0.plusSeconds(60) : null,
          null);
    }

    public Alert alert() {
      return ALERTS.fromFinding(build(), T0);
    }
  }

  /** Builder of remediation records. */
  public static final class RemediationBuilder {
    private final String requestId;
    private String namespace = "shop";
    private String name = "web";
    private RemediationRecord.Outcome outcome = RemediationRecord.Outcome.FAILED;
    private String reason = "ROLLOUT_TIMEOUT";
    private String message = "rollout did not finish in 10m";

    RemediationBuilder(String requestId) {
      this.requestId = requestId;
    }

    public RemediationBuilder withOutcome(RemediationRecord.Outcome o) {
      this.outcome = o;
      return this;
    }

    public RemediationBuilder withReason(String r) {
      this.reason = r;
      return this;
    }

    public RemediationBuilder withMessage(String m) {
      this.message = m;
      return this;
    }

    public RemediationBuilder on(String ns, String n) {
      this.namespace = ns;
      this.name = n;
      return this;
    }

    public RemediationRecord build() {
      return new RemediationRecord(
          null,
          requestId,
          "prod-eu",
          new ObjectRef("Deployment", namespace, name, null),
          RemediationAction.ROLLING_RESTART,
          outcome,
          reason,
          message,
          "executor-0",
          T0,
          T0.plusSeconds(30),
          Map.of("attempt", "1"));
    }

    public Alert notice() {
      return NOTICES.fromRecord(build(), T0);
    }
  }
}
