package io.meshwarden.testkit.sim.inject;

/**
 * Stage 1's answer: the webhook the API server calls for a new pod.
 *
 * @param configuration the MutatingWebhookConfiguration's name
 * @param webhook the webhook's name inside it
 * @param revision the istiod revision behind it (a tag resolved to its revision)
 * @param failurePolicy {@code Fail} or {@code Ignore}, applied when the webhook cannot answer
 * @param timeoutSeconds how long the API server waits for it
 */
public record WebhookCall(
    String configuration,
    String webhook,
    String revision,
    String failurePolicy,
    int timeoutSeconds) {

  /** True when a failed call rejects the pod. */
  public boolean failsClosed() {
    return !"Ignore".equals(failurePolicy);
  }
}
