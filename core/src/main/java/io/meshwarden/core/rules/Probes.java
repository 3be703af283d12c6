package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.PodSpecFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.PodSpecFacts.PortFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ProbeFacts;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.IstioVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The probes and lifecycle hooks that Istio's probe rewriting covers (istio.md §5; {@code
 * app_probe.go} {@code patchRewriteProbe}, {@code DumpAppProbers}): every container and every init
 * container except {@code istio-proxy} (Kubernetes allows probes on an init container only with
 * {@code restartPolicy: Always}, so those are native app sidecars); readiness, liveness and startup
 * probes; from 1.25.0 also {@code preStop}/{@code postStart} hooks.
 */
final class Probes {

  /** The paths the agent serves for rewritten probes and hooks, {@code <prefix><container>/}. */
  private static final List<String> AGENT_PREFIXES = List.of("/app-health/", "/app-lifecycle/");

  private static final Set<String> ISTIO_CONTAINERS =
      Set.of(IstioKeys.PROXY_CONTAINER, "istio-init", "istio-validation");

  private Probes() {}

  /** The app containers: everything Istio did not add (init containers not included). */
  static List<ContainerFacts> appContainers(PodSpecFacts spec) {
    List<ContainerFacts> apps = new ArrayList<>();
    for (ContainerFacts c : spec.containers()) {
      if (!ISTIO_CONTAINERS.contains(c.name())) {
        apps.add(c);
      }
    }
    return apps;
  }

  /**
   * One probe or hook of one container.
   *
   * @param container the container it belongs to
   * @param field {@code readinessProbe}, {@code livenessProbe}, {@code startupProbe}, {@code
   *     preStop} or {@code postStart}
   * @param handler what it calls
   */
  record Handler(ContainerFacts container, String field, ProbeFacts handler) {

    String type() {
      return handler.type();
    }

    /** Whether the injector rewrote it: an HTTP GET to one of the agent's paths. */
    boolean rewritten() {
      return "httpGet".equals(handler.type()) && agentPath(handler.path());
    }

    /**
     * The port it calls as a number: as written, or a named port of its container; null for a name
     * the container does not declare (the kubelet cannot resolve it either) or no port.
     */
    Integer port() {
      String port = handler.port();
      if (port == null || port.isEmpty()) {
        return null;
      }
      if (port.chars().allMatch(Character::isDigit)) {
        try {
          return Integer.valueOf(port);
        } catch (NumberFormatException e) {
          return null;
        }
      }
      for (PortFacts p : container.ports()) {
        if (port.equals(p.name())) {
          return p.containerPort();
        }
      }
      return null;
    }

    /** {@code container/field}, for messages. */
    String describe() {
      Integer p = port();
      return container.name() + "/" + field + (p == null ? "" : ":" + p);
    }
  }

  /**
   * The probes and hooks in the scope of Istio's rewriting at {@code version}, in container order
   * (init containers first, as the injector lists them).
   */
  static List<Handler> inRewriteScope(PodSpecFacts spec, IstioVersion version) {
    return handlers(spec, version.atLeast(1, 25));
  }

  /** Every probe and hook of the pod's containers but {@code istio-proxy}, whatever the version. */
  static List<Handler> all(PodSpecFacts spec) {
    return handlers(spec, true);
  }

  private static List<Handler> handlers(PodSpecFacts spec, boolean hooks) {
    List<Handler> out = new ArrayList<>();
    List<ContainerFacts> all = new ArrayList<>(spec.initContainers());
    all.addAll(spec.containers());
    for (ContainerFacts c : all) {
      if (IstioKeys.PROXY_CONTAINER.equals(c.name())) {
        continue;
      }
      add(out, c, "readinessProbe", c.readinessProbe());
      add(out, c, "livenessProbe", c.livenessProbe());
      add(out, c, "startupProbe", c.startupProbe());
      if (hooks) {
        add(out, c, "preStop", c.preStop());
        add(out, c, "postStart", c.postStart());
      }
    }
    return out;
  }

  private static void add(List<Handler> out, ContainerFacts c, String field, ProbeFacts h) {
    if (h != null) {
      out.add(new Handler(c, field, h));
    }
  }

  /** Whether {@code path} is one the agent serves for rewritten probes or hooks. */
  static boolean agentPath(String path) {
    return path != null && AGENT_PREFIXES.stream().anyMatch(path::startsWith);
  }

  /**
   * The container an agent path names ({@code /app-health/<container>/readyz}, {@code
   * /app-lifecycle/<container>/prestopz}); null for any other path.
   */
  static String containerOf(String agentPath) {
    if (agentPath == null) {
      return null;
    }
    for (String prefix : AGENT_PREFIXES) {
      if (agentPath.startsWith(prefix)) {
        int end = agentPath.indexOf('/', prefix.length());
        return end < 0 ? null : agentPath.substring(prefix.length(), end);
      }
    }
    return null;
  }
}
