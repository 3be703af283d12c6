package io.meshwarden.common.projection;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.common.protocol.PodSpecFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ContainerFacts;
import io.meshwarden.common.protocol.PodSpecFacts.PortFacts;
import io.meshwarden.common.protocol.PodSpecFacts.ProbeFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a pod spec (a pod's, or a workload's {@code template.spec}) into {@link PodSpecFacts}:
 * containers with their images, ports and probe handlers, and the pod-level settings injection
 * depends on. Environment, commands, volumes and resources are never read, except the one variable
 * {@code ISTIO_KUBE_APP_PROBERS} of {@code istio-proxy}, of which only the keys are kept.
 */
final class PodSpecReader {

  static final String PROXY_CONTAINER = "istio-proxy";
  static final String APP_PROBERS_ENV = "ISTIO_KUBE_APP_PROBERS";

  private PodSpecReader() {}

  /** The spec at {@code spec} (an object, or null for an empty spec). */
  static PodSpecFacts read(Source src, JsonNode spec) {
    List<ContainerFacts> init = containers(src, spec, "initContainers");
    List<ContainerFacts> app = containers(src, spec, "containers");
    JsonNode security = Nodes.object(spec, "securityContext");
    Long runAsUser;
    Long runAsGroup;
    try {
      runAsUser = Nodes.longValue(security, "runAsUser");
      runAsGroup = Nodes.longValue(security, "runAsGroup");
    } catch (InvalidField e) {
      throw e.under("securityContext");
    }
    String serviceAccount = Nodes.text(spec, "serviceAccountName");
    if (serviceAccount == null) {
      serviceAccount = Nodes.text(spec, "serviceAccount"); // the deprecated alias
    }
    return new PodSpecFacts(
        init,
        app,
        Boolean.TRUE.equals(Nodes.bool(spec, "hostNetwork")),
        runAsUser,
        runAsGroup,
        src.intern(serviceAccount));
  }

  private static List<ContainerFacts> containers(Source src, JsonNode spec, String field) {
    JsonNode array = Nodes.array(spec, field);
    if (array == null || array.isEmpty()) {
      return List.of();
    }
    List<ContainerFacts> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      try {
        out.add(container(src, array.get(i)));
      } catch (InvalidField e) {
        throw e.under(field + "[" + i + "]");
      }
    }
    return out;
  }

  private static ContainerFacts container(Source src, JsonNode c) {
    if (!c.isObject()) {
      throw new InvalidField("", "expected a container but got " + Nodes.describe(c));
    }
    String name = src.intern(Nodes.requiredText(c, "name"));
    Long runAsUser;
    try {
      runAsUser = Nodes.longValue(Nodes.object(c, "securityContext"), "runAsUser");
    } catch (InvalidField e) {
      throw e.under("securityContext");
    }
    return new ContainerFacts(
        name,
        src.intern(Nodes.text(c, "image")),
        src.intern(Nodes.text(c, "restartPolicy")),
        runAsUser,
        ports(src, c),
        probe(src, c, "readinessProbe"),
        probe(src, c, "livenessProbe"),
        probe(src, c, "startupProbe"),
        PROXY_CONTAINER.equals(name) ? AppProbers.keys(src, c) : List.of(),
        hook(src, c, "preStop"),
        hook(src, c, "postStart"));
  }

  /**
   * A {@code lifecycle} hook's handler: httpGet and tcpSocket as for probes (Istio rewrites those
   * from 1.25), exec and sleep by type only; null when absent or of a kind this reader does not
   * know (a hook does not decide whether the pod is valid here).
   */
  private static ProbeFacts hook(Source src, JsonNode c, String field) {
    JsonNode lifecycle = Nodes.object(c, "lifecycle");
    JsonNode hook;
    try {
      hook = Nodes.object(lifecycle, field);
    } catch (InvalidField e) {
      throw e.under("lifecycle");
    }
    if (hook == null) {
      return null;
    }
    try {
      if (Nodes.object(hook, "httpGet") != null
          || Nodes.object(hook, "tcpSocket") != null
          || Nodes.object(hook, "exec") != null) {
        return handler(src, hook);
      }
      return Nodes.object(hook, "sleep") != null
          ? new ProbeFacts("sleep", null, null, null, null)
          : null;
    } catch (InvalidField e) {
      throw e.under("lifecycle." + field);
    }
  }

  private static List<PortFacts> ports(Source src, JsonNode c) {
    JsonNode array = Nodes.array(c, "ports");
    if (array == null || array.isEmpty()) {
      return List.of();
    }
    List<PortFacts> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode p = array.get(i);
      try {
        if (!p.isObject()) {
          throw new InvalidField("", "expected a port but got " + Nodes.describe(p));
        }
        String protocol = Nodes.text(p, "protocol");
        out.add(
            new PortFacts(
                src.intern(Nodes.text(p, "name")),
                Nodes.requiredInt(p, "containerPort"),
                protocol == null ? "TCP" : src.intern(protocol)));
      } catch (InvalidField e) {
        throw e.under("ports[" + i + "]");
      }
    }
    return out;
  }

  private static ProbeFacts probe(Source src, JsonNode c, String field) {
    JsonNode probe = Nodes.object(c, field);
    if (probe == null) {
      return null;
    }
    try {
      return handler(src, probe);
    } catch (InvalidField e) {
      throw e.under(field);
    }
  }

  private static ProbeFacts handler(Source src, JsonNode probe) {
    JsonNode h;
    if ((h = Nodes.object(probe, "httpGet")) != null) {
      try {
        String scheme = Nodes.text(h, "scheme");
        return new ProbeFacts(
            "httpGet",
            src.intern(Nodes.intOrString(h, "port")),
            src.intern(Nodes.text(h, "path")),
            Nodes.text(h, "host"),
            scheme == null ? "HTTP" : src.intern(scheme));
      } catch (InvalidField e) {
        throw e.under("httpGet");
      }
    }
    if ((h = Nodes.object(probe, "tcpSocket")) != null) {
      try {
        return new ProbeFacts(
            "tcpSocket",
            src.intern(Nodes.intOrString(h, "port")),
            null,
            Nodes.text(h, "host"),
            null);
      } catch (InvalidField e) {
        throw e.under("tcpSocket");
      }
    }
    if ((h = Nodes.object(probe, "grpc")) != null) {
      try {
        return new ProbeFacts("grpc", src.intern(Nodes.intOrString(h, "port")), null, null, null);
      } catch (InvalidField e) {
        throw e.under("grpc");
      }
    }
    if (Nodes.object(probe, "exec") != null) {
      return new ProbeFacts("exec", null, null, null, null); // the command is never kept
    }
    throw new InvalidField("", "has none of httpGet, tcpSocket, grpc, exec");
  }
}
