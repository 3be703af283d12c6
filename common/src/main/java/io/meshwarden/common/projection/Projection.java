package io.meshwarden.common.projection;

import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.common.protocol.ObjectRef;
import java.util.List;
import java.util.Objects;

/**
 * What {@link FactProjector} made of one object: its facts, a deliberate skip, or the reason it is
 * malformed. Never an exception, so a watcher can count each outcome and move on.
 */
public sealed interface Projection {

  /** The facts projected; empty unless {@link Projected}. */
  List<ObjectFacts> facts();

  /**
   * The object was projected.
   *
   * @param facts one fact, or two for a revision-tag webhook (its webhook and its tag)
   * @param droppedOversizeValues label and annotation entries left out for size: a value larger
   *     than {@link FactProjector#MAX_VALUE_BYTES}, or labels past {@link
   *     FactProjector#MAX_LABEL_BYTES}; a caller should meter it
   */
  record Projected(List<ObjectFacts> facts, int droppedOversizeValues) implements Projection {
    public Projected {
      facts = List.copyOf(facts);
      if (facts.isEmpty()) {
        throw new IllegalArgumentException("a projection has at least one fact");
      }
    }

    /** The primary fact (the webhook, for a revision-tag webhook). */
    public ObjectFacts first() {
      return facts.get(0);
    }
  }

  /**
   * The object is of a kind, version or name meshwarden does not read (a CronJob, an unrelated
   * ConfigMap, a webhook that is not Istio's).
   *
   * @param kind the object's kind as written
   * @param reason why it was skipped, for debug logs
   */
  record Skipped(String kind, String reason) implements Projection {
    public Skipped {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public List<ObjectFacts> facts() {
      return List.of();
    }
  }

  /**
   * The object claims a kind meshwarden reads but a field is missing or has the wrong type.
   *
   * @param object the object as far as it could be read, e.g. {@code Pod shop/web-1}
   * @param field the offending field's path, e.g. {@code spec.containers[1].ports[0].containerPort}
   * @param reason what is wrong with it; never the field's value
   * @param subject the object as a finding would name it (kind, namespace as the projector would
   *     default it, name or {@code <unnamed>}), or null when not even its kind is readable; {@code
   *     analyze} reports the object under this name instead of rejecting the input
   */
  record Invalid(String object, String field, String reason, ObjectRef subject)
      implements Projection {
    public Invalid {
      Objects.requireNonNull(object, "object");
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(reason, "reason");
    }

    /** An invalid object that cannot be named as a subject. */
    public Invalid(String object, String field, String reason) {
      this(object, field, reason, null);
    }

    @Override
    public List<ObjectFacts> facts() {
      return List.of();
    }

    /** One line for a log or an error message. */
    public String message() {
      return field.isEmpty() ? object + ": " + reason : object + ": " + field + ": " + reason;
    }
  }
}
