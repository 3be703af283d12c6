package io.meshwarden.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.projection.FactProjector;
import io.meshwarden.common.projection.KubernetesYaml;
import io.meshwarden.common.projection.KubernetesYamlException;
import io.meshwarden.common.projection.Projection;
import io.meshwarden.common.protocol.ObjectFacts;
import io.meshwarden.core.rules.MalformedObjectRule;
import io.meshwarden.core.rules.RuleResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads manifest files and directories into facts with the shared {@link FactProjector}. Kinds it
 * does not read are counted and skipped. A malformed object (a field of the wrong type, a required
 * one missing) becomes an MW0030 result on that object and the rest is read on; only input that is
 * not YAML at all (or a path that cannot be read) is a {@link BadInputException} naming the file
 * (and the line, for YAML errors). An object whose kind is not even readable cannot be named as a
 * subject and is rejected the same way.
 *
 * <p>PeerAuthentications are facts like any other kind: the projector reads them and {@code
 * MeshViewBuilder} resolves their modes, exactly as in the stream.
 */
final class ManifestLoader {

  private final FactProjector projector;

  ManifestLoader(FactProjector projector) {
    this.projector = projector;
  }

  Manifests load(List<Path> inputs) throws BadInputException {
    List<ObjectFacts> facts = new ArrayList<>();
    Map<String, Manifests.Source> sources = new HashMap<>();
    List<RuleResult> malformed = new ArrayList<>();
    int skipped = 0;
    for (Path file : expand(inputs)) {
      for (KubernetesYaml.Located located : read(file)) {
        JsonNode object = located.object();
        Projection p = projector.project(object);
        if (p instanceof Projection.Invalid bad) {
          if (bad.subject() == null) {
            throw new BadInputException(
                file + ":" + located.line() + ": " + bad.message() + " (not a Kubernetes object)",
                null);
          }
          malformed.add(MalformedObjectRule.result(bad.subject(), bad.field(), bad.reason()));
          sources.putIfAbsent(
              Manifests.key(bad.subject().kind(), bad.subject().namespace(), bad.subject().name()),
              new Manifests.Source(file, located.line()));
        }
        if (p instanceof Projection.Skipped) {
          skipped++;
        }
        for (ObjectFacts f : p.facts()) {
          facts.add(f);
          sources.putIfAbsent(
              Manifests.key(f.kind().name(), f.meta().namespace(), f.meta().name()),
              new Manifests.Source(file, located.line()));
        }
      }
    }
    return new Manifests(facts, sources, skipped, malformed);
  }

  private static List<KubernetesYaml.Located> read(Path file) throws BadInputException {
    try {
      return KubernetesYaml.readLocated(file);
    } catch (KubernetesYamlException e) {
      throw new BadInputException(e.getMessage(), e);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** Files as given, directories walked for {@code *.yaml}, {@code *.yml} and {@code *.json}. */
  static List<Path> expand(List<Path> inputs) throws BadInputException {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          walk.filter(Files::isRegularFile)
              .filter(ManifestLoader::isManifest)
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new BadInputException(input + ": cannot be listed: " + e.getMessage(), e);
        }
      } else if (Files.isRegularFile(input)) {
        files.add(input);
      } else {
        throw new BadInputException(input + ": no such file or directory", null);
      }
    }
    return files;
  }

  private static boolean isManifest(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }
}
