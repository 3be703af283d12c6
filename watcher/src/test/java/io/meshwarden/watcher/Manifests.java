package io.meshwarden.watcher;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads the manifests under deploy/ with fabric8 and checks what every pod must have; shared by
 * {@link Fabric8ManifestsTest} and {@link OverlayRenderTest}.
 */
final class Manifests {

  static final Path DEPLOY = Path.of("..", "deploy");

  /**
   * API groups of the CRD-backed kinds fabric8 has no classes for (Strimzi, Prometheus Operator).
   */
  static final Set<String> CUSTOM_GROUPS = Set.of("kafka.strimzi.io", "monitoring.coreos.com");

  static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One document of a file: as written (Jackson tree) and as fabric8 loaded it. */
  record Doc(Path file, int index, JsonNode tree, HasMetadata object) {
    String where() {
      return file + "#" + index + " (" + object.getKind() + " " + name() + ")";
    }

    String name() {
      return object.getMetadata() == null ? "?" : object.getMetadata().getName();
    }
  }

  private Manifests() {}

  /**
   * Every Kubernetes manifest under deploy/: *.yaml and *.yml except kustomization files (a build
   * file, not a resource) and deploy/prometheus (rule files and promtool tests).
   */
  static List<Path> files() {
    try (Stream<Path> all = Files.walk(DEPLOY)) {
      return all.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .filter(p -> !p.getFileName().toString().startsWith("kustomization."))
          .filter(p -> !p.startsWith(DEPLOY.resolve("prometheus")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The documents of {@code file}, each loaded by fabric8 (the whole file at once) and by Jackson.
   */
  static List<Doc> load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<HasMetadata> objects = fabric8(in);
      List<JsonNode> trees = trees(Files.readString(file));
      if (objects.size() != trees.size()) {
        throw new AssertionError(
            file + ": fabric8 loaded " + objects.size() + " documents, Jackson " + trees.size());
      }
      List<Doc> out = new ArrayList<>();
      for (int i = 0; i < objects.size(); i++) {
        out.add(new Doc(file, i, trees.get(i), objects.get(i)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every object of a (multi-document) YAML stream, as fabric8 loads it. */
  static List<HasMetadata> fabric8(InputStream yaml) {
    Object loaded = FABRIC8.unmarshal(yaml);
    List<HasMetadata> out = new ArrayList<>();
    for (Object o : loaded instanceof List<?> list ? list : List.of(loaded)) {
      if (o != null) {
        out.add((HasMetadata) o);
      }
    }
    return out;
  }

  static List<JsonNode> trees(String yaml) throws IOException {
    try (var parser = YAML.getFactory().createParser(yaml)) {
      return YAML.readValues(parser, JsonNode.class).readAll().stream()
          .filter(d -> d != null && !d.isMissingNode() && !d.isNull())
          .toList();
    }
  }

  /** Whether {@code object} is of a kind fabric8 is expected to load as a generic resource. */
  static boolean custom(HasMetadata object) {
    String apiVersion = Objects.requireNonNullElse(object.getApiVersion(), "");
    int slash = apiVersion.indexOf('/');
    return slash > 0 && CUSTOM_GROUPS.contains(apiVersion.substring(0, slash));
  }

  /**
   * Fields fabric8 did not recognise, kept in a model object's {@code additionalProperties} (a
   * misspelt {@code readOnlyRootFileSystem} lands there and reaches the API server, which drops or
   * refuses it): {@code path: [names]} for each.
   */
  static List<String> unknownFields(Object object) {
    List<String> out = new ArrayList<>();
    unknownFields(object, "", out);
    return out;
  }

  private static void unknownFields(Object o, String path, List<String> out) {
    if (o == null || o instanceof GenericKubernetesResource) {
      return;
    }
    if (o instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownFields(v, path + "." + k, out));
      return;
    }
    if (o instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        unknownFields(item, path + "[" + i++ + "]", out);
      }
      return;
    }
    if (!o.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        boolean extra = f.getName().equals("additionalProperties");
        if (!extra && !f.isAnnotationPresent(JsonProperty.class)) {
          continue;
        }
        f.setAccessible(true);
        Object value;
        try {
          value = f.get(o);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
        if (extra) {
          if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            out.add((path.isEmpty() ? "." : path) + ": " + m.keySet());
          }
        } else {
          String name = f.getAnnotation(JsonProperty.class).value();
          unknownFields(value, path + "." + (name.isEmpty() ? f.getName() : name), out);
        }
      }
    }
  }

  /**
   * Where {@code written} and {@code loaded} differ: a field fabric8 dropped, added or changed on
   * the way through its model. Scalars compare by text ({@code cpu: 2} becomes the Quantity {@code
   * "2"}).
   */
  static List<String> differences(JsonNode written, JsonNode loaded) {
    List<String> out = new ArrayList<>();
    differences(written, loaded, "", out);
    return out;
  }

  private static void differences(JsonNode a, JsonNode b, String path, List<String> out) {
    if (a == null || b == null || a.isNull() || b.isNull()) {
      if (!(isNullOrEmpty(a) && isNullOrEmpty(b))) {
        out.add(path + ": " + a + " -> " + b);
      }
    } else if (a.isObject() && b.isObject()) {
      Set<String> names = new java.util.TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        differences(a.get(n), b.get(n), path + "." + n, out);
      }
    } else if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        out.add(path + ": " + a + " -> " + b);
        return;
      }
      Iterator<JsonNode> ia = a.elements();
      Iterator<JsonNode> ib = b.elements();
      for (int i = 0; ia.hasNext(); i++) {
        differences(ia.next(), ib.next(), path + "[" + i + "]", out);
      }
    } else if (a.isNumber() && b.isNumber()) {
      if (a.decimalValue().compareTo(b.decimalValue()) != 0) {
        out.add(path + ": " + a + " -> " + b);
      }
    } else if (a.isValueNode() && b.isValueNode()) {
      if (!a.asText().equals(b.asText())) {
        out.add(path + ": " + a + " -> " + b);
      }
    } else {
      out.add(path + ": " + a + " -> " + b);
    }
  }

  private static boolean isNullOrEmpty(JsonNode n) {
    return n == null || n.isNull() || (n.isContainerNode() && n.isEmpty());
  }

  /**
   * What a Deployment's pod lacks: for every container (init containers too), a non-root user, a
   * read-only root filesystem, no privilege escalation, every capability dropped, the
   * RuntimeDefault seccomp profile (its own or the pod's), CPU and memory requests and limits; for
   * every main container, liveness {@code GET /healthz} and readiness {@code GET /readyz} on its
   * port named {@code http}.
   */
  static List<String> podProblems(Deployment deployment) {
    List<String> out = new ArrayList<>();
    String name = deployment.getMetadata().getName();
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    PodSecurityContext podSc =
        Objects.requireNonNullElseGet(pod.getSecurityContext(), PodSecurityContext::new);
    if (pod.getContainers().isEmpty()) {
      out.add(name + ": no containers");
    }
    List<Container> all = new ArrayList<>(pod.getInitContainers());
    all.addAll(pod.getContainers());
    for (Container c : all) {
      String what = name + "/" + c.getName();
      SecurityContext sc =
          Objects.requireNonNullElseGet(c.getSecurityContext(), SecurityContext::new);
      Boolean nonRoot =
          sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podSc.getRunAsNonRoot();
      check(out, Boolean.TRUE.equals(nonRoot), what, "runAsNonRoot is not true");
      check(
          out,
          Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()),
          what,
          "readOnlyRootFilesystem is not true");
      check(
          out,
          Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()),
          what,
          "allowPrivilegeEscalation is not false");
      check(
          out,
          sc.getCapabilities() != null && sc.getCapabilities().getDrop().contains("ALL"),
          what,
          "does not drop ALL capabilities");
      SeccompProfile seccomp =
          sc.getSeccompProfile() != null ? sc.getSeccompProfile() : podSc.getSeccompProfile();
      check(
          out,
          seccomp != null && "RuntimeDefault".equals(seccomp.getType()),
          what,
          "seccomp profile is not RuntimeDefault");
      for (String kind : List.of("requests", "limits")) {
        Map<String, Quantity> r =
            c.getResources() == null
                ? Map.of()
                : kind.equals("requests")
                    ? c.getResources().getRequests()
                    : c.getResources().getLimits();
        check(out, r.containsKey("cpu") && r.containsKey("memory"), what, "no cpu/memory " + kind);
      }
    }
    for (Container c : pod.getContainers()) {
      String what = name + "/" + c.getName();
      check(
          out,
          c.getPorts().stream().map(ContainerPort::getName).anyMatch("http"::equals),
          what,
          "has no port named http");
      probe(out, what, "liveness", c.getLivenessProbe(), "/healthz");
      probe(out, what, "readiness", c.getReadinessProbe(), "/readyz");
    }
    return out;
  }

  private static void probe(List<String> out, String what, String kind, Probe p, String path) {
    HTTPGetAction get = p == null ? null : p.getHttpGet();
    if (get == null) {
      out.add(what + ": no " + kind + " httpGet probe");
      return;
    }
    check(out, path.equals(get.getPath()), what, kind + " probe path is not " + path);
    check(
        out,
        get.getPort() != null && "http".equals(get.getPort().getStrVal()),
        what,
        kind + " probe port is not the named port http");
  }

  private static void check(List<String> out, boolean ok, String what, String problem) {
    if (!ok) {
      out.add(what + ": " + problem);
    }
  }
}
