package io.meshwarden.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every Kubernetes object under a deploy/ tree (base, overlays, examples), loaded with fabric8, for
 * tests that check what the manifests grant or mount. Overlay patches load as the partial objects
 * they are.
 */
public final class DeployManifests {

  private DeployManifests() {}

  /**
   * The objects of every {@code *.yaml} and {@code *.yml} under {@code deploy}, multi-document
   * files too; kustomization files (a build file, not a resource) and {@code deploy/prometheus}
   * (rule files and their tests) are left out.
   */
  public static List<HasMetadata> under(Path deploy) {
    KubernetesSerialization fabric8 = new KubernetesSerialization();
    List<HasMetadata> out = new ArrayList<>();
    try (Stream<Path> all = Files.walk(deploy)) {
      for (Path f :
          all.filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .filter(p -> !p.getFileName().toString().startsWith("kustomization."))
              .filter(p -> !p.startsWith(deploy.resolve("prometheus")))
              .sorted()
              .toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          Object loaded = fabric8.unmarshal(in);
          for (Object o : loaded instanceof List<?> list ? list : List.of(loaded)) {
            if (o instanceof HasMetadata object) {
              out.add(object);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
