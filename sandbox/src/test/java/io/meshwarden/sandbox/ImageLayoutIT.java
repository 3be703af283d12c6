package io.meshwarden.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The container image's layout without Docker: stages it with deploy/docker/stage.sh the way the
 * Dockerfile does (the reactor has packaged every module stage.sh installs, with its target/lib,
 * before this module's integration tests), then runs the launcher from it with the image's
 * environment: MW_NO_BUILD=1, HOME=/tmp and a PATH holding only the commands a JRE image has (no
 * mvn, unzip or jar). The staged files are made read-only, like the image's root filesystem in the
 * cluster (a root user running the build ignores that; the launcher's output still shows whether it
 * tried to build).
 */
class ImageLayoutIT {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  /** What the launcher and the JVM call in the image: bash, coreutils, grep, java. */
  private static final List<String> IMAGE_COMMANDS =
      List.of("bash", "dirname", "basename", "ls", "grep", "head", "cat");

  @TempDir static Path work;
  private static Path image;
  private static Path bin;

  @BeforeAll
  static void stageTheLayoutAsTheDockerfileDoes() throws Exception {
    image = work.resolve("opt-meshwarden");
    Run staged =
        run(
            List.of(
                "bash",
                REPO.resolve("deploy/docker/stage.sh").toString(),
                REPO.toString(),
                image.toString()),
            Map.of("PATH", System.getenv("PATH")));
    assertThat(staged.exit()).as("stage.sh: %s", staged.output()).isZero();
    bin = imagePath();
    makeReadOnly(image);
  }

  @AfterAll
  static void letTheTempDirBeDeleted() throws IOException {
    try (Stream<Path> all = Files.walk(image)) {
      all.forEach(p -> p.toFile().setWritable(true, true));
    }
  }

  @Test
  void stagesTheLauncherAndEachModulesJarWithItsLibButNoSources() throws IOException {
    assertThat(image.resolve("meshwarden")).isExecutable();
    assertThat(image.resolve("pom.xml")).doesNotExist();
    for (String module : List.of("watcher", "reconciler", "executor", "analyze", "alerting")) {
      try (Stream<Path> files = Files.list(image.resolve(module))) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .anyMatch(n -> n.matches("meshwarden-" + module + "-.+\\.jar"));
      }
      try (Stream<Path> libs = Files.list(image.resolve(module).resolve("lib"))) {
        assertThat(libs.map(p -> p.getFileName().toString()))
            .as("%s/lib", module)
            .contains("meshwarden-common-" + version(module) + ".jar");
      }
    }
    assertThat(image.resolve("sandbox")).doesNotExist();
  }

  @ParameterizedTest
  @CsvSource({
    "watcher,    Usage: watcher",
    "reconciler, Usage: reconciler",
    "executor,   Usage: executor",
    "alerting,   Usage: alerting",
    "analyze,    Usage: analyze",
  })
  void everyImageRoleStartsFromTheLayoutWithoutMaven(String role, String usage) throws Exception {
    assertThat(bin.resolve("mvn")).doesNotExist();
    assertThat(bin.resolve("unzip")).doesNotExist();
    assertThat(bin.resolve("jar")).doesNotExist();

    Run help = launch(role, "--help");

    assertThat(help.exit()).as("%s --help: %s", role, help.output()).isZero();
    assertThat(help.output()).contains(usage).doesNotContain("building");
  }

  @Test
  void aRoleTheImageDoesNotCarryFailsAtOnceInsteadOfBuilding() throws Exception {
    Run sandbox = launch("sandbox", "--help");

    assertThat(sandbox.exit()).isEqualTo(3);
    assertThat(sandbox.output()).contains("'sandbox' role is not installed").doesNotContain("mvn");
  }

  private static Run launch(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(image.resolve("meshwarden").toString());
    command.addAll(List.of(args));
    return run(
        command,
        Map.of(
            "PATH",
            bin.toString(),
            "HOME",
            work.toString(),
            "MW_NO_BUILD",
            "1",
            "MW_JAVA_OPTS",
            "-Djava.io.tmpdir=" + work));
  }

  /** A directory of links to the commands the image has, and java from this JVM. */
  private static Path imagePath() throws IOException {
    Path dir = Files.createDirectories(work.resolve("bin"));
    for (String name : IMAGE_COMMANDS) {
      Files.createSymbolicLink(dir.resolve(name), which(name));
    }
    Files.createSymbolicLink(
        dir.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    return dir;
  }

  private static Path which(String name) {
    for (String dir : System.getenv("PATH").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new IllegalStateException(name + " is not on the PATH");
  }

  private static void makeReadOnly(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .forEach(p -> p.toFile().setWritable(false, false));
    }
  }

  private static String version(String module) throws IOException {
    try (Stream<Path> files = Files.list(REPO.resolve(module).resolve("target"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("meshwarden-" + module + "-.+\\.jar"))
          .filter(n -> !n.endsWith("-sources.jar") && !n.endsWith("-tests.jar"))
          .map(n -> n.substring(("meshwarden-" + module + "-").length(), n.length() - 4))
          .findFirst()
          .orElseThrow();
    }
  }

  private static Run run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    return new Run(p.exitValue(), out);
  }

  private record Run(int exit, String output) {}
}
