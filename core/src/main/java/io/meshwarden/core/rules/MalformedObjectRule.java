package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.core.model.MeshView;
import java.util.List;
import java.util.Map;

/**
 * MW0030: an object of a kind meshwarden reads has a field of the wrong type or lacks a required
 * one (a container without a name, {@code containers} written as a map), so the API server would
 * reject it and meshwarden cannot read it. The object is left out of every other rule; the rest of
 * the input is still judged.
 *
 * <p>It is raised where objects are read, not over views: a malformed object never becomes a fact,
 * so {@link #evaluate} has nothing to look at. {@code analyze} turns each malformed object of its
 * files into a result with {@link #result}. istioctl has no code for it (it skips such a document
 * with a note on standard error), so this is meshwarden's own, stricter check.
 */
public final class MalformedObjectRule implements MeshRule {

  static final RuleInfo INFO = new RuleInfo("MW0030", Severity.ERROR, null, "Malformed object");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  /** Nothing: malformed objects never reach a view (see the class comment). */
  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    return List.of();
  }

  /**
   * The finding for one malformed object.
   *
   * @param field the offending field's path, empty when the object as a whole is wrong
   * @param reason what is wrong, never the field's value
   */
  public static RuleResult result(ObjectRef subject, String field, String reason) {
    String where = field.isEmpty() ? "" : " field " + field + ":";
    return RuleResult.of(
        INFO,
        subject,
        String.format(
            "%s is malformed:%s %s; it is left out of the analysis",
            Subjects.describe(subject), where, reason),
        field.isEmpty() ? Map.of("reason", reason) : Map.of("field", field, "reason", reason));
  }
}
