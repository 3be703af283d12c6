package io.meshwarden.testkit.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.meshwarden.testkit.kubernetes.DeploymentFixture;
import io.meshwarden.testkit.kubernetes.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A scripted sequence of cluster changes, built fluently or read from a YAML scenario file (format
 * in testkit/README.md); {@link #run} applies it to a {@link SimulatedCluster}. {@code expect}
 * steps check pod counts and throw {@link IllegalStateException} when they do not hold.
 */
public final class Scenario {

  private final String name;
  private final List<Consumer<SimulatedCluster>> steps = new ArrayList<>();

  private Scenario(String name) {
    this.name = name;
  }

  public static Scenario named(String name) {
    return new Scenario(name);
  }

  public String name() {
    return name;
  }

  public Scenario install(Revision revision) {
    return step(c -> c.controlPlane().install(revision));
  }

  public Scenario installCanary(Revision revision) {
    return step(c -> c.controlPlane().installCanary(revision));
  }

  public Scenario upgradeInPlace(String revision, String tag) {
    return step(c -> c.controlPlane().upgradeInPlace(revision, tag));
  }

  public Scenario setTag(String tag, String revision) {
    return step(c -> c.controlPlane().setTag(tag, revision));
  }

  /** Creates the namespace, or replaces its labels if it exists. */
  public Scenario namespace(String ns, Map<String, String> labels) {
    return step(
        c -> {
          var existing = c.client().namespaces().withName(ns).get();
          if (existing == null) {
            var fixture = Fixtures.namespace(ns);
            labels.forEach(fixture::withLabel);
            fixture.create(c.client());
          } else {
            existing.getMetadata().setLabels(new java.util.LinkedHashMap<>(labels));
            c.client().resource(existing).update();
          }
        });
  }

  public Scenario deployment(
      String ns,
      String deployment,
      int replicas,
      Map<String, String> podLabels,
      Map<String, String> podAnnotations) {
    return step(
        c -> {
          DeploymentFixture f =
              Fixtures.deployment(deployment).inNamespace(ns).withReplicas(replicas);
          podLabels.forEach(f::withPodLabel);
          podAnnotations.forEach(f::withPodAnnotation);
          f.create(c.client());
        });
  }

  /** What {@code kubectl rollout restart} does: a new restartedAt on the pod template. */
  public Scenario restart(String ns, String deployment) {
    return step(
        c ->
            c.client()
                .apps()
                .deployments()
                .inNamespace(ns)
                .withName(deployment)
                .patch(
                    PatchContext.of(PatchType.JSON_MERGE),
                    "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\""
                        + c.clock().instant()
                        + "\"}}}}}"));
  }

  public Scenario injectorDown(Duration window) {
    return step(c -> c.faults().injectorDown(window));
  }

  public Scenario proxyFault(String ns, String workload, ProxyFault fault) {
    return step(c -> c.proxyFault(ns, workload, fault));
  }

  public Scenario advance(Duration duration) {
    return step(c -> c.advance(duration));
  }

  /**
   * Checks the pods of {@code ns}: how many run a sidecar and how many do not, and (if not null)
   * that every sidecar runs {@code proxyTag}.
   */
  public Scenario expect(String ns, int withSidecar, int withoutSidecar, String proxyTag) {
    return step(
        c -> {
          List<Pod> pods = c.client().pods().inNamespace(ns).list().getItems();
          List<String> proxies =
              pods.stream()
                  .flatMap(p -> allContainers(p).stream())
                  .filter(x -> x.getName().equals("istio-proxy"))
                  .map(x -> x.getImage())
                  .toList();
          int without = pods.size() - proxies.size();
          boolean tagOk =
              proxyTag == null || proxies.stream().allMatch(i -> i.endsWith(":" + proxyTag));
          if (proxies.size() != withSidecar || without != withoutSidecar || !tagOk) {
            throw new IllegalStateException(
                name
                    + ": expected in "
                    + ns
                    + " "
                    + withSidecar
                    + " with sidecar "
                    + (proxyTag == null ? "" : proxyTag + " ")
                    + "and "
                    + withoutSidecar
                    + " without, found "
                    + proxies
                    + " and "
                    + without
                    + " without");
          }
        });
  }

  private static List<io.fabric8.kubernetes.api.model.Container> allContainers(Pod p) {
    List<io.fabric8.kubernetes.api.model.Container> all =
        new ArrayList<>(p.getSpec().getContainers());
    if (p.getSpec().getInitContainers() != null) {
      all.addAll(p.getSpec().getInitContainers());
    }
    return all;
  }

  /** Applies every step in order. */
  public void run(SimulatedCluster cluster) {
    steps.forEach(s -> s.accept(cluster));
  }

  private Scenario step(Consumer<SimulatedCluster> step) {
    steps.add(step);
    return this;
  }

  /** Reads a scenario file. */
  public static Scenario fromYaml(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return fromYaml(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read scenario " + file, e);
    }
  }

  /** Reads a scenario from YAML: {@code name} and a list of {@code steps}. */
  @SuppressWarnings("unchecked")
  public static Scenario fromYaml(InputStream yaml) {
    Map<String, Object> doc = Serialization.unmarshal(yaml, Map.class);
    Scenario scenario = named(String.valueOf(doc.getOrDefault("name", "unnamed")));
    for (Object raw : (List<Object>) doc.getOrDefault("steps", List.of())) {
      ScenarioSteps.add(scenario, (Map<String, Object>) raw);
    }
    return scenario;
  }
}
