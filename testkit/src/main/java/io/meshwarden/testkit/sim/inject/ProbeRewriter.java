package io.meshwarden.testkit.sim.inject;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Istio.md §5: turns each app container's HTTP, TCP and gRPC probes into HTTP GETs to the agent's
 * status port, {@code /app-health/<container>/readyz|livez|startupz}, and returns the originals
 * keyed by path for {@code ISTIO_KUBE_APP_PROBERS}. Exec probes are left alone.
 */
public final class ProbeRewriter {

  private ProbeRewriter() {}

  /**
   * Rewrites the probes of {@code containers} in place.
   *
   * @return path → original handler ({@code httpGet}, {@code tcpSocket} or {@code grpc}) plus
   *     {@code timeoutSeconds}, in container order; empty when nothing was rewritten
   */
  public static Map<String, Object> rewrite(List<Container> containers, int statusPort) {
    Map<String, Object> originals = new LinkedHashMap<>();
    for (Container container : containers) {
      if (IstioNames.PROXY_CONTAINER.equals(container.getName())) {
        continue;
      }
      rewriteOne(
          container,
          "readyz",
          Container::getReadinessProbe,
          Container::setReadinessProbe,
          statusPort,
          originals);
      rewriteOne(
          container,
          "livez",
          Container::getLivenessProbe,
          Container::setLivenessProbe,
          statusPort,
          originals);
      rewriteOne(
          container,
          "startupz",
          Container::getStartupProbe,
          Container::setStartupProbe,
          statusPort,
          originals);
    }
    return originals;
  }

  private static void rewriteOne(
      Container container,
      String kind,
      Function<Container, Probe> getter,
      BiConsumer<Container, Probe> setter,
      int statusPort,
      Map<String, Object> originals) {
    Probe probe = getter.apply(container);
    if (probe == null) {
      return;
    }
    Map<String, Object> original = new LinkedHashMap<>();
    if (probe.getHttpGet() != null) {
      original.put("httpGet", probe.getHttpGet());
    } else if (probe.getTcpSocket() != null) {
      original.put("tcpSocket", probe.getTcpSocket());
    } else if (probe.getGrpc() != null) {
      original.put("grpc", probe.getGrpc());
    } else {
      return;
    }
    if (probe.getTimeoutSeconds() != null) {
      original.put("timeoutSeconds", probe.getTimeoutSeconds());
    }
    String path = "/app-health/" + container.getName() + "/" + kind;
    originals.put(path, original);
    setter.accept(
        container,
        new ProbeBuilder(probe)
            .withHttpGet(null)
            .withTcpSocket(null)
            .withGrpc(null)
            .withNewHttpGet()
            .withPath(path)
            .withPort(new IntOrString(statusPort))
            .withScheme("HTTP")
            .endHttpGet()
            .build());
  }
}
