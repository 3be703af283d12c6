package io.meshwarden.common.config;

import java.util.Objects;

/**
 * Where one value came from: the layer and, within it, what names it (the file's path, the
 * environment variable's name, the flag's key). Rendered in messages as {@code env MW_HTTP_PORT} or
 * {@code file /etc/meshwarden/config.yaml}.
 *
 * @param source the layer
 * @param detail what names the value within the layer; empty for defaults
 */
public record ConfigOrigin(ConfigSource source, String detail) {

  public ConfigOrigin {
    Objects.requireNonNull(source, "source");
    detail = detail == null ? "" : detail;
  }

  /** The origin of a value that nobody set. */
  public static ConfigOrigin defaults() {
    return new ConfigOrigin(ConfigSource.DEFAULT, "");
  }

  @Override
  public String toString() {
    return detail.isEmpty() ? source.label() : source.label() + " " + detail;
  }
}
