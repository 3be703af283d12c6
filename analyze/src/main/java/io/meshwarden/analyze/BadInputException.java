package io.meshwarden.analyze;

/** Input {@code analyze} cannot use: a missing path, or text that is not YAML. */
public final class BadInputException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * @param message names the file (and line, when known) and what is wrong
   */
  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
