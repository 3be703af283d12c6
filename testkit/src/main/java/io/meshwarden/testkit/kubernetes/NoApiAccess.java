package io.meshwarden.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the roles that must not reach the Kubernetes API (the reconciler, alerting) are checked
 * against: their ServiceAccount and Deployment as the manifests declare them, and their sources.
 */
public final class NoApiAccess {

  /** What reaching the API without fabric8 would need: its address or the mounted token. */
  public static final Pattern IN_CLUSTER_API =
      Pattern.compile(
          "KUBERNETES_SERVICE_HOST|kubernetes\\.default|/var/run/secrets/kubernetes\\.io");

  private NoApiAccess() {}

  /** The ServiceAccount named {@code name} among {@code objects}, if declared. */
  public static Optional<ServiceAccount> serviceAccount(List<HasMetadata> objects, String name) {
    return objects.stream()
        .filter(ServiceAccount.class::isInstance)
        .map(ServiceAccount.class::cast)
        .filter(a -> name.equals(a.getMetadata().getName()))
        .findFirst();
  }

  /**
   * The pod specs of every Deployment named {@code name} among {@code objects}: the base one and
   * each overlay patch, which carries a partial pod spec (patches without one are left out).
   */
  public static List<PodSpec> podSpecs(List<HasMetadata> objects, String name) {
    return objects.stream()
        .filter(Deployment.class::isInstance)
        .map(Deployment.class::cast)
        .filter(d -> name.equals(d.getMetadata().getName()))
        .map(d -> d.getSpec().getTemplate().getSpec())
        .filter(Objects::nonNull)
        .toList();
  }

  /** The Java files under {@code sources} that name the in-cluster API address or token path. */
  public static List<String> inClusterApiUses(Path sources) {
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (IN_CLUSTER_API.matcher(Files.readString(f)).find()) {
          hits.add(f.toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hits;
  }
}
