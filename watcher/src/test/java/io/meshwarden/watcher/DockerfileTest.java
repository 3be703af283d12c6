package io.meshwarden.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The root Dockerfile against the manifests, the stage script and the launcher: multi-stage,
 * numeric non-root user, the launcher as entrypoint, and the layout the build stage stages is the
 * one the runtime stage copies. ImageLayoutIT (sandbox) runs the stage script and the roles.
 */
class DockerfileTest {

  private static final Path REPO = Path.of("..");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STAGE_RUN =
      Pattern.compile("deploy/docker/stage\\.sh\\s+(\\S+)\\s+(\\S+)");
  private static final Pattern PROJECTS = Pattern.compile("-pl\\s+(\\S+)");

  /** One instruction: keyword in upper case and its arguments, continuation lines joined. */
  record Instruction(String keyword, String args) {}

  @Test
  void buildsInOneStageAndRunsFromAJreStage() throws IOException {
    List<List<Instruction>> stages = stages();
    assertThat(stages).as("FROM stages").hasSizeGreaterThanOrEqualTo(2);
    assertThat(stages.get(0).get(0).args()).contains("maven").contains("temurin-17");
    assertThat(stages.get(stages.size() - 1).get(0).args()).startsWith("eclipse-temurin:17-jre");
    for (Instruction i : instructions()) {
      assertThat(i.keyword().equals("ADD") && i.args().matches("(?s).*\\bhttps?://.*"))
          .as("ADD of a URL: %s", i.args())
          .isFalse();
    }
  }

  @Test
  void finalStageRunsAsTheNumericNonRootUserOfTheManifests() throws IOException {
    String user = last(finalStage(), "USER").args().trim();
    assertThat(user).matches("\\d+(:\\d+)?");
    String[] ids = user.split(":");
    assertThat(Integer.parseInt(ids[0])).as("uid").isPositive();
    for (JsonNode deployment : deployments()) {
      JsonNode sc = deployment.path("spec").path("template").path("spec").path("securityContext");
      String name = deployment.path("metadata").path("name").asText();
      assertThat(sc.path("runAsUser").asText()).as("%s runAsUser", name).isEqualTo(ids[0]);
      if (ids.length > 1) {
        assertThat(sc.path("runAsGroup").asText()).as("%s runAsGroup", name).isEqualTo(ids[1]);
      }
    }
  }

  @Test
  void entrypointIsTheLauncherInTheCopiedLayoutAndNeverBuilds() throws IOException {
    List<Instruction> fin = finalStage();
    Instruction copy = copyFromBuild(fin);
    String[] copyArgs = copyArgs(copy);
    String installed = copyArgs[copyArgs.length - 1];

    JsonNode entrypoint = JSON.readTree(last(fin, "ENTRYPOINT").args());
    assertThat(entrypoint.isArray()).as("ENTRYPOINT in exec form").isTrue();
    assertThat(entrypoint.get(0).asText()).isEqualTo(installed + "/meshwarden");
    assertThat(String.join(" ", args(fin, "ENV"))).containsPattern("\\bMW_NO_BUILD=1\\b");
  }

  @Test
  void runtimeStageCopiesTheDirectoryTheStageScriptFills() throws IOException {
    List<Instruction> build = stages().get(0);
    String run = String.join("\n", args(build, "RUN"));
    Matcher stage = STAGE_RUN.matcher(run);
    assertThat(stage.find()).as("the build stage runs deploy/docker/stage.sh").isTrue();
    assertThat(stage.group(1)).as("stage.sh repo root").isEqualTo(last(build, "WORKDIR").args());

    String[] copyArgs = copyArgs(copyFromBuild(finalStage()));
    assertThat(copyArgs[copyArgs.length - 2]).as("COPY --from source").isEqualTo(stage.group(2));
  }

  @Test
  void buildStagePackagesExactlyTheModulesTheStageScriptInstalls() throws IOException {
    String run = String.join("\n", args(stages().get(0), "RUN"));
    List<List<String>> projectLists = new ArrayList<>();
    Matcher pl = PROJECTS.matcher(run);
    while (pl.find()) {
      projectLists.add(Arrays.asList(pl.group(1).split(",")));
    }
    List<String> staged = stagedModules();
    assertThat(projectLists).isNotEmpty().allSatisfy(l -> assertThat(l).isEqualTo(staged));
  }

  @Test
  void everyDeploymentRunsARoleOfAStagedModule() throws IOException {
    Map<String, String> moduleOfRole = launcherRoles();
    List<String> staged = stagedModules();
    for (JsonNode deployment : deployments()) {
      JsonNode container = deployment.path("spec").path("template").path("spec").path("containers");
      String role = container.get(0).path("args").get(0).asText();
      assertThat(moduleOfRole).as("roles of ./meshwarden").containsKey(role);
      assertThat(staged).as("modules in the image").contains(moduleOfRole.get(role));
    }
  }

  private static List<Instruction> instructions() throws IOException {
    List<Instruction> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(REPO.resolve("Dockerfile"))) {
      String t = line.strip();
      if (t.startsWith("#") || (t.isEmpty() && current.isEmpty())) {
        continue;
      }
      if (t.endsWith("\\")) {
        current.append(t, 0, t.length() - 1).append(' ');
        continue;
      }
      current.append(t);
      String[] parts = current.toString().strip().split("\\s+", 2);
      out.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : ""));
      current.setLength(0);
    }
    return out;
  }

  private static List<List<Instruction>> stages() throws IOException {
    List<List<Instruction>> stages = new ArrayList<>();
    for (Instruction i : instructions()) {
      if (i.keyword().equals("FROM")) {
        stages.add(new ArrayList<>());
      }
      if (!stages.isEmpty()) {
        stages.get(stages.size() - 1).add(i);
      }
    }
    return stages;
  }

  private static List<Instruction> finalStage() throws IOException {
    List<List<Instruction>> stages = stages();
    return stages.get(stages.size() - 1);
  }

  private static Instruction copyFromBuild(List<Instruction> stage) {
    List<Instruction> copies =
        stage.stream()
            .filter(i -> i.keyword().equals("COPY") && i.args().startsWith("--from="))
            .toList();
    assertThat(copies).as("COPY --from in the final stage").hasSize(1);
    return copies.get(0);
  }

  /** The COPY's sources and destination, flags left out. */
  private static String[] copyArgs(Instruction copy) {
    return Arrays.stream(copy.args().split("\\s+"))
        .filter(a -> !a.startsWith("--"))
        .toArray(String[]::new);
  }

  private static Instruction last(List<Instruction> stage, String keyword) {
    List<Instruction> matching = stage.stream().filter(i -> i.keyword().equals(keyword)).toList();
    assertThat(matching).as(keyword).isNotEmpty();
    return matching.get(matching.size() - 1);
  }

  private static List<String> args(List<Instruction> stage, String keyword) {
    return stage.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::args).toList();
  }

  /** MODULES=(...) in deploy/docker/stage.sh. */
  private static List<String> stagedModules() throws IOException {
    Matcher m =
        Pattern.compile("(?m)^MODULES=\\(([^)]*)\\)")
            .matcher(Files.readString(REPO.resolve("deploy/docker/stage.sh")));
    assertThat(m.find()).as("MODULES in stage.sh").isTrue();
    return Arrays.asList(m.group(1).strip().split("\\s+"));
  }

  /** The launcher's role table: role -> module. */
  private static Map<String, String> launcherRoles() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("(?m)^\\s+([a-z]+)\\)\\s+module=([a-z]+);")
            .matcher(Files.readString(REPO.resolve("meshwarden")));
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    assertThat(out).as("roles in ./meshwarden").isNotEmpty();
    return out;
  }

  private static List<JsonNode> deployments() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(REPO.resolve("deploy/base"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        JsonNode doc = YAML.readTree(f.toFile());
        if (doc.path("kind").asText().equals("Deployment")) {
          out.add(doc);
        }
      }
    }
    assertThat(out).isNotEmpty();
    return out;
  }
}
