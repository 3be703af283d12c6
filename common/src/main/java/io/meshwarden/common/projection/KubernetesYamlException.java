package io.meshwarden.common.projection;

import java.io.IOException;
import java.nio.file.Path;

/** A manifest file that is not valid YAML, or holds a document that is not an object. */
public final class KubernetesYamlException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final String problem;

  /**
   * @param file the file read
   * @param line the 1-based line the problem is at, or -1 when unknown
   * @param problem what is wrong (never quoting the file's content)
   */
  public KubernetesYamlException(Path file, int line, String problem, Throwable cause) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  public Path file() {
    return file;
  }

  /** The 1-based line of the problem, or -1 when unknown. */
  public int line() {
    return line;
  }

  public String problem() {
    return problem;
  }
}
