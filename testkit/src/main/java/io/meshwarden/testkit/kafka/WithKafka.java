package io.meshwarden.testkit.kafka;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real Kafka; tests receive it as a {@link KafkaCluster} parameter (in a
 * constructor, a lifecycle method or a test method). Put it on the top-level class; nested classes
 * share it.
 *
 * <pre>{@code
 * @WithKafka(brokers = 3)
 * class ReplicationIT {
 *   @Test
 *   void survivesOneBrokerLoss(KafkaCluster kafka) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaCluster.class)
public @interface WithKafka {

  /** Brokers; more than one adds a separate controller, so brokers can be stopped. */
  int brokers() default 1;

  /** How long the cluster lives and who shares it. */
  Sharing sharing() default Sharing.PER_CLASS;

  /** Extra broker configs as {@code key=value}, on top of the test defaults. */
  String[] brokerConfig() default {};
}
