package io.meshwarden.testkit.kafka;

/** How long one Kafka cluster lives and which tests see it. */
public enum Sharing {
  /** Started before the first test of the class, closed after its last test. */
  PER_CLASS,
  /**
   * Started once and reused by every test class in the JVM that asks for the same cluster shape
   * (brokers and broker configs); closed when the JUnit engine finishes. Tests must then use their
   * own topic names and group ids, and must leave every broker running.
   */
  PER_JVM
}
