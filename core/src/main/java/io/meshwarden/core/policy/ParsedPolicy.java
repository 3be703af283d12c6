package io.meshwarden.core.policy;

/** An {@code InjectionPolicy} as read: valid, or invalid with the reason its status will carry. */
public sealed interface ParsedPolicy {

  /** The policy's name. */
  String name();

  /** A policy meshwarden can apply. */
  record Valid(InjectionPolicy policy) implements ParsedPolicy {
    @Override
    public String name() {
      return policy.name();
    }
  }

  /**
   * A policy meshwarden ignores; its status gets condition {@code Invalid} with {@code message}.
   *
   * @param field the field that is wrong, e.g. {@code spec.remediation.windows[0].cron}
   */
  record Invalid(String name, long generation, String field, String message)
      implements ParsedPolicy {}
}
