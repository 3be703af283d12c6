package io.meshwarden.executor;

import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.core.remediation.Reason;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an {@code events.k8s.io/v1} Event on the workload for each decision, so {@code kubectl
 * describe} shows what meshwarden did. Best effort: a failed Event is logged, never retried, and
 * never stops the remediation.
 */
final class KubeEvents {

  static final String CONTROLLER = "meshwarden.io/reconciler";
  private static final Logger LOG = LoggerFactory.getLogger(KubeEvents.class);
  private static final DateTimeFormatter MICRO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC);

  private final KubernetesClient client;
  private final String instance;
  private final Clock clock;

  KubeEvents(KubernetesClient client, String instance, Clock clock) {
    this.client = client;
    this.instance = instance;
    this.clock = clock;
  }

  /**
   * Records {@code reason} on {@code target}; {@code warning} for failures and withheld actions.
   */
  void emit(ObjectRef target, Reason reason, String action, String note, boolean warning) {
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(target.name() + "." + UUID.randomUUID().toString().substring(0, 8))
            .withNamespace(target.namespace())
            .endMetadata()
            .withEventTime(new MicroTime(MICRO.format(clock.instant())))
            .withReportingController(CONTROLLER)
            .withReportingInstance(instance)
            .withAction(action)
            .withReason(reason.eventReason())
            .withNote(note.length() > 1024 ? note.substring(0, 1024) : note)
            .withType(warning ? "Warning" : "Normal")
            .withRegarding(
                new ObjectReferenceBuilder()
                    .withApiVersion(target.kind().equals("Pod") ? "v1" : "apps/v1")
                    .withKind(target.kind())
                    .withNamespace(target.namespace())
                    .withName(target.name())
                    .withUid(target.uid())
                    .build())
            .build();
    try {
      client.events().v1().events().inNamespace(target.namespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn("Could not write Event {} on {}: {}", reason, target.key(), e.getMessage());
    }
  }
}
