package io.meshwarden.common.kafka;

import static io.meshwarden.common.kafka.KafkaErrors.Kind.FATAL;
import static io.meshwarden.common.kafka.KafkaErrors.Kind.RETRIABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.common.MeshwardenException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaErrorsTest {

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of(new ProducerFencedException("fenced"), FATAL),
        Arguments.of(new InvalidProducerEpochException("old epoch"), FATAL),
        Arguments.of(new AuthorizationException("denied"), FATAL),
        Arguments.of(new TopicAuthorizationException("denied"), FATAL),
        Arguments.of(new SaslAuthenticationException("bad password"), FATAL),
        Arguments.of(new UnsupportedVersionException("old broker"), FATAL),
        Arguments.of(new OutOfOrderSequenceException("gap"), FATAL),
        Arguments.of(new RecordTooLargeException("big"), FATAL),
        Arguments.of(new IllegalStateException("not Kafka's"), FATAL),
        Arguments.of(new KafkaException("in error state", new ProducerFencedException("x")), FATAL),
        Arguments.of(new ExecutionException(new AuthorizationException("denied")), FATAL),
        Arguments.of(
            new KafkaException("x", new TimeoutException("t", new ProducerFencedException("f"))),
            FATAL),
        Arguments.of(new TimeoutException("slow"), RETRIABLE),
        Arguments.of(new NotLeaderOrFollowerException("moved"), RETRIABLE),
        Arguments.of(new DisconnectException("gone"), RETRIABLE),
        Arguments.of(new TransactionAbortableException("abort and retry"), RETRIABLE),
        Arguments.of(new CommitFailedException("rebalanced"), RETRIABLE),
        Arguments.of(new java.util.concurrent.TimeoutException("future.get timed out"), RETRIABLE),
        Arguments.of(new KafkaException("wrapped", new TimeoutException("slow")), RETRIABLE),
        Arguments.of(new ExecutionException(new TimeoutException("slow")), RETRIABLE),
        Arguments.of(new CompletionException(new DisconnectException("gone")), RETRIABLE));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("errors")
  void sortsErrorsIntoFatalAndRetriable(Throwable error, KafkaErrors.Kind expected) {
    assertThat(KafkaErrors.classify(error)).isEqualTo(expected);
  }

  @Test
  void treatsBothFencingErrorsAsFencedAndNothingElse() {
    assertThat(KafkaErrors.isFenced(new ProducerFencedException("x"))).isTrue();
    assertThat(KafkaErrors.isFenced(new ExecutionException(new InvalidProducerEpochException("x"))))
        .isTrue();
    assertThat(KafkaErrors.isFenced(new AuthorizationException("x"))).isFalse();
  }

  @Test
  void wrapsWithMatchingReasonAndUnwrapsFutures() {
    MeshwardenException retriable =
        KafkaErrors.wrap("commit transaction", new ExecutionException(new TimeoutException("t")));
    MeshwardenException fatal = KafkaErrors.wrap("send", new ProducerFencedException("f"));

    assertThat(retriable.reason()).isEqualTo(MeshwardenException.Reason.KAFKA_RETRIABLE);
    assertThat(retriable.retriable()).isTrue();
    assertThat(retriable.getCause()).isInstanceOf(TimeoutException.class);
    assertThat(retriable).hasMessageStartingWith("commit transaction failed: ");
    assertThat(fatal.reason()).isEqualTo(MeshwardenException.Reason.KAFKA_FATAL);
    assertThat(fatal.retriable()).isFalse();
  }
}
