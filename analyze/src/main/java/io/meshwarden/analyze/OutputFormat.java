package io.meshwarden.analyze;

/** How {@code analyze} prints its findings. */
public enum OutputFormat {
  /** Grouped by severity for people; coloured on a terminal. */
  text,
  /** An array of findings in the wire protocol's shape. */
  json,
  /** SARIF 2.1.0 for code scanning. */
  sarif
}
