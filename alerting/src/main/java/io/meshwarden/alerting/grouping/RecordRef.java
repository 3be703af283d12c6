package io.meshwarden.alerting.grouping;

/** A consumed record: where to commit once everything it caused is delivered or dead-lettered. */
public record RecordRef(String topic, int partition, long offset) {}
