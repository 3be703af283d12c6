package io.meshwarden.common.protocol;

/** The controlling owner reference of an object (only the one with {@code controller: true}). */
public record OwnerRef(String kind, String name, String uid) {}
