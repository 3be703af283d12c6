/**
 * Projection of Kubernetes and Istio objects (as JSON trees) to the wire protocol's {@link
 * io.meshwarden.common.protocol.ObjectFacts}: {@link io.meshwarden.common.projection.FactProjector}
 * for one object, {@link io.meshwarden.common.projection.KubernetesYaml} to read manifest files for
 * the offline {@code analyze} command. Neither fabric8 nor Kafka is used here; see {@code
 * DESIGN.md} beside this file.
 */
package io.meshwarden.common.projection;
