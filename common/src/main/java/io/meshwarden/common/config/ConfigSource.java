package io.meshwarden.common.config;

/**
 * The layers a value can come from, lowest precedence first: a later layer overrides an earlier
 * one.
 */
public enum ConfigSource {
  /** The parameter's default in code. */
  DEFAULT("default"),
  /** The YAML configuration file. */
  FILE("file"),
  /** An environment variable ({@code MW_...}). */
  ENV("env"),
  /** A command-line flag ({@code --set key=value} or a dedicated flag). */
  FLAG("flag");

  private final String label;

  ConfigSource(String label) {
    this.label = label;
  }

  /** Short lower-case name used in messages. */
  public String label() {
    return label;
  }
}
