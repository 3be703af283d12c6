package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.ObjectRef;
import java.util.Locale;

/** Phrases that name an object and its fix in messages. */
final class Subjects {

  private Subjects() {}

  /** {@code Deployment shop/web}, or {@code MutatingWebhookConfiguration x} when cluster-scoped. */
  static String describe(ObjectRef ref) {
    return ref.namespace().isEmpty()
        ? ref.kind() + " " + ref.name()
        : ref.kind() + " " + ref.namespace() + "/" + ref.name();
  }

  /** How to recreate a workload's pods. */
  static String restart(ObjectRef ref) {
    return switch (ref.kind()) {
      case "Deployment", "StatefulSet", "DaemonSet" ->
          "run 'kubectl rollout restart "
              + ref.kind().toLowerCase(Locale.ROOT)
              + "/"
              + ref.name()
              + " -n "
              + ref.namespace()
              + "'";
      case "Pod" -> "delete and recreate the pod";
      default -> "recreate its pods";
    };
  }
}
