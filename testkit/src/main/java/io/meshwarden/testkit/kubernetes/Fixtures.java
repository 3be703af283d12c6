package io.meshwarden.testkit.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Test objects for the Kubernetes API: builders with defaults ({@link #pod}, {@link #namespace},
 * {@link #deployment}, {@link #service}, {@link #istio}) and loading of YAML fixture files.
 */
public final class Fixtures {

  private static final String CLASSPATH_PREFIX = "classpath:";

  private Fixtures() {}

  public static NamespaceFixture namespace(String name) {
    return new NamespaceFixture(name);
  }

  public static PodFixture pod(String name) {
    return new PodFixture(name);
  }

  public static DeploymentFixture deployment(String name) {
    return new DeploymentFixture(name);
  }

  public static ServiceFixture service(String name) {
    return new ServiceFixture(name);
  }

  public static IstioFixture istio(IstioKind kind, String name) {
    return new IstioFixture(kind, name);
  }

  /**
   * Creates (or updates, if present) every object of a multi-document YAML file.
   *
   * @param location {@code classpath:fixtures/x.yaml}, or a file path
   * @return the objects as the server stored them, namespaces and CRDs first, then file order
   */
  public static List<HasMetadata> load(KubernetesClient client, String location) {
    if (location.startsWith(CLASSPATH_PREFIX)) {
      String resource = location.substring(CLASSPATH_PREFIX.length());
      resource = resource.startsWith("/") ? resource.substring(1) : resource;
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalArgumentException("No fixture on the classpath at " + resource);
        }
        return load(client, in);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read fixture " + location, e);
      }
    }
    return load(client, Path.of(location));
  }

  /** Like {@link #load(KubernetesClient, String)}, from a file. */
  public static List<HasMetadata> load(KubernetesClient client, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return load(client, in);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read fixture " + file, e);
    }
  }

  /**
   * Like {@link #load(KubernetesClient, String)}, from a stream the caller closes. Objects without
   * a namespace land in the client's namespace; Istio kinds load as generic resources.
   */
  public static List<HasMetadata> load(KubernetesClient client, InputStream yaml) {
    return client.load(yaml).items().stream()
        .sorted(Comparator.comparingInt(Fixtures::creationRank))
        .map(item -> client.resource(item).createOr(NonDeletingOperation::update))
        .toList();
  }

  /** Objects others live in, or whose kinds others need, go first. The sort is stable. */
  private static int creationRank(HasMetadata item) {
    if (item instanceof Namespace) {
      return 0;
    }
    return item instanceof CustomResourceDefinition ? 1 : 2;
  }
}
