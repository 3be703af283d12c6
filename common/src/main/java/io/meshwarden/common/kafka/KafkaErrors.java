package io.meshwarden.common.kafka;

import io.meshwarden.common.MeshwardenException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.ApplicationRecoverableException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.errors.TransactionAbortedException;

/**
 * Sorts Kafka client errors into {@link Kind#FATAL} and {@link Kind#RETRIABLE}, as the producer
 * examples in {@code apache/kafka} do.
 *
 * <p><b>FATAL</b>: this client instance cannot go on; close it and stop (or, for a watcher, step
 * down and let a fresh producer take over). Fenced or stale producers ({@code
 * ProducerFencedException}, {@code InvalidProducerEpochException} and the other {@code
 * ApplicationRecoverableException}s), authentication, authorization and version problems (every
 * {@code InvalidConfigurationException}), {@code OutOfOrderSequenceException}. A fatal cause
 * anywhere in the chain makes the whole error fatal, since Kafka sometimes wraps the fencing error.
 *
 * <p><b>RETRIABLE</b>: transient; retry with capped backoff (for a transactional producer: abort
 * the transaction, then redo it). Every {@code RetriableException} (timeouts, leader changes,
 * disconnects), a {@code java.util.concurrent.TimeoutException} from waiting on a client future,
 * aborted or abortable transactions, and consumer-group rebalances ({@code CommitFailedException},
 * {@code RebalanceInProgressException}), which redeliver records. A retriable cause under a wrapper
 * (Kafka's own {@code KafkaException("...", timeout)}) counts too.
 *
 * <p>Everything else is <b>FATAL</b>, including exceptions that are not Kafka's: a request the
 * broker rejected for its content (record too large, invalid topic) gets the same answer when
 * retried, and failing loudly beats looping quietly. {@code ExecutionException} and {@code
 * CompletionException} are unwrapped first.
 */
public final class KafkaErrors {

  /** What to do about an error. */
  public enum Kind {
    /** Retry with backoff; the client is still usable. */
    RETRIABLE,
    /** Close the client and stop; retrying cannot succeed. */
    FATAL
  }

  private static final int MAX_DEPTH = 16;

  private KafkaErrors() {}

  /** Sorts an error; see the class comment for the rules. */
  public static Kind classify(Throwable error) {
    Throwable top = unwrap(error);
    if (anyInChain(top, KafkaErrors::isFatal)) {
      return Kind.FATAL;
    }
    return anyInChain(top, KafkaErrors::isRetriable) ? Kind.RETRIABLE : Kind.FATAL;
  }

  /** Whether this producer was fenced: another instance now owns its transactional id. */
  public static boolean isFenced(Throwable error) {
    return anyInChain(
        unwrap(error),
        t -> t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException);
  }

  /**
   * Wraps an error in a {@link MeshwardenException} with reason {@code KAFKA_FATAL} or {@code
   * KAFKA_RETRIABLE}.
   *
   * @param action what was being done, such as "commit transaction"
   */
  public static MeshwardenException wrap(String action, Throwable error) {
    Throwable cause = unwrap(error);
    MeshwardenException.Reason reason =
        classify(cause) == Kind.FATAL
            ? MeshwardenException.Reason.KAFKA_FATAL
            : MeshwardenException.Reason.KAFKA_RETRIABLE;
    return new MeshwardenException(reason, action + " failed: " + cause, cause);
  }

  private static boolean isFatal(Throwable t) {
    return t instanceof ApplicationRecoverableException
        || t instanceof InvalidConfigurationException
        || t instanceof OutOfOrderSequenceException
        || t instanceof org.apache.kafka.common.config.ConfigException
        || t instanceof Error;
  }

  private static boolean isRetriable(Throwable t) {
    return t instanceof RetriableException
        || t instanceof java.util.concurrent.TimeoutException
        || t instanceof TransactionAbortableException
        || t instanceof TransactionAbortedException
        || t instanceof CommitFailedException
        || t instanceof RebalanceInProgressException;
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    int depth = 0;
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null
        && depth++ < MAX_DEPTH) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean anyInChain(Throwable error, Predicate<Throwable> test) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error;
        t != null && seen.add(t) && seen.size() <= MAX_DEPTH;
        t = t.getCause()) {
      if (test.test(t)) {
        return true;
      }
    }
    return false;
  }
}
