package io.meshwarden.sandbox.observability;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository's checked-in files, found from the module the tests run in. */
final class Repo {

  private Repo() {}

  /** The repository root: the nearest directory up from here holding {@code deploy/}. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("deploy")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no deploy/ above " + Path.of("").toAbsolutePath());
  }

  static Path deploy() {
    return root().resolve("deploy");
  }
}
