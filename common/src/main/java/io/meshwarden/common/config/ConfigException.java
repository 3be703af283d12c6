package io.meshwarden.common.config;

import io.meshwarden.common.MeshwardenException;
import java.util.List;

/**
 * The configuration cannot be used. The message names every offending key, where its value came
 * from (file, environment variable, flag) and what was expected; secret values are never part of
 * it. A loader reports all problems it finds in one exception, so an operator fixes them in one
 * round.
 */
public final class ConfigException extends MeshwardenException {

  private final List<String> problems;

  public ConfigException(String problem) {
    this(List.of(problem), null);
  }

  public ConfigException(String problem, Throwable cause) {
    this(List.of(problem), cause);
  }

  public ConfigException(List<String> problems) {
    this(problems, null);
  }

  private ConfigException(List<String> problems, Throwable cause) {
    super(Reason.INVALID_CONFIGURATION, render(problems), cause);
    this.problems = List.copyOf(problems);
  }

  /** Each problem on its own, in the order found. */
  public List<String> problems() {
    return problems;
  }

  private static String render(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    if (problems.size() == 1) {
      return problems.get(0);
    }
    StringBuilder message =
        new StringBuilder("Invalid configuration (").append(problems.size()).append(" problems):");
    problems.forEach(p -> message.append("\n  - ").append(p));
    return message.toString();
  }
}
