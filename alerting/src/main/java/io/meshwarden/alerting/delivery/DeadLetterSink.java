package io.meshwarden.alerting.delivery;

/** Where dead letters go; {@link #write} returns only once the record is durable. */
public interface DeadLetterSink {

  /** Writes durably; throws when it could not (delivery then tries again later). */
  void write(DeadLetter letter) throws Exception;
}
