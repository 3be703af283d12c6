package io.meshwarden.common.protocol;

/** A PodDisruptionBudget, read by the remediation guards before restarting a workload. */
public record PodDisruptionBudgetFacts(
    String schema,
    FactKind kind,
    FactMeta meta,
    LabelSelector selector,
    String minAvailable,
    String maxUnavailable,
    Integer currentHealthy,
    Integer desiredHealthy,
    Integer disruptionsAllowed)
    implements ObjectFacts {

  public PodDisruptionBudgetFacts {
    schema = Facts.schema(schema);
    kind = Facts.requireKind(kind, FactKind.PodDisruptionBudget);
    meta = Facts.meta(meta);
  }

  @Override
  public PodDisruptionBudgetFacts withMeta(FactMeta m) {
    return new PodDisruptionBudgetFacts(
        schema,
        kind,
        m,
        selector,
        minAvailable,
        maxUnavailable,
        currentHealthy,
        desiredHealthy,
        disruptionsAllowed);
  }
}
