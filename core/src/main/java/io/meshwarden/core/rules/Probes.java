package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.PodSpecFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ProbeFacts;
import io.meshwarden.core.model.IstioKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Probe helpers shared by the probe-rewriting rules (istio.md §5). */
final class Probes {

  private static final Set<String> ISTIO_CONTAINERS =
      Set.of(IstioKeys.PROXY_CONTAINER, "istio-init", "istio-validation");

  private Probes() {}

  /** The app containers: everything Istio did not add. */
  static List<ContainerFacts> appContainers(PodSpecFacts spec) {
    List<ContainerFacts> apps = new ArrayList<>();
    for (ContainerFacts c : spec.containers()) {
      if (!ISTIO_CONTAINERS.contains(c.name())) {
        apps.add(c);
      }
    }
    return apps;
  }

  /** A container's probes that are set. */
  static Stream<ProbeFacts> probes(ContainerFacts c) {
    return Stream.of(c.readinessProbe(), c.livenessProbe(), c.startupProbe())
        .filter(p -> p != null);
  }

  /** Whether any app container has a probe of one of {@code types}. */
  static boolean anyProbe(PodSpecFacts spec, Set<String> types) {
    return appContainers(spec).stream()
        .flatMap(Probes::probes)
        .anyMatch(p -> types.contains(p.type()));
  }

  /** The app containers with an httpGet probe that sets {@code host}. */
  static List<String> containersWithHost(PodSpecFacts spec) {
    return appContainers(spec).stream()
        .filter(
            c ->
                probes(c)
                    .anyMatch(
                        p -> "httpGet".equals(p.type()) && p.host() != null && !p.host().isEmpty()))
        .map(ContainerFacts::name)
        .toList();
  }

  /** The container named in an agent probe path {@code /app-health/<container>/<kind>z}. */
  static String containerOf(String appProberPath) {
    String prefix = "/app-health/";
    if (appProberPath == null || !appProberPath.startsWith(prefix)) {
      return null;
    }
    int end = appProberPath.indexOf('/', prefix.length());
    return end < 0 ? null : appProberPath.substring(prefix.length(), end);
  }
}
