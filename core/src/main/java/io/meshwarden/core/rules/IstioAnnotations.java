package io.meshwarden.core.rules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Istio's resource annotations as istioctl's annotation analyzer knows them: which kinds each
 * applies to and whether it is deprecated. The table ({@code istio-annotations.tsv} beside this
 * class) is generated from istio/api; its header names the tag, the file and the licence.
 */
final class IstioAnnotations {

  /** One annotation of the table. */
  record Definition(String name, boolean deprecated, List<String> kinds) {

    /** Whether it applies to every kind ({@code Any}). */
    boolean anyKind() {
      return kinds.contains("Any");
    }
  }

  /**
   * Annotations the analyzer never reports on: set by istiod or the injector themselves
   * (pkg/config/analysis/analyzers/maturity {@code AlwaysIgnoredAnnotations}, 1.22–1.28).
   */
  static final Set<String> ALWAYS_IGNORED =
      Set.of("sidecar.istio.io/status", "gateway.istio.io/controller-version", "istio.io/rev");

  private static final Map<String, Definition> TABLE = load();

  private IstioAnnotations() {}

  /** The annotation's definition, or null for an annotation Istio does not know. */
  static Definition lookup(String name) {
    return TABLE.get(name);
  }

  /**
   * Whether istioctl treats {@code key} as an Istio annotation: the part before the first {@code /}
   * ends with {@code istio.io} (or it is {@code kubernetes.io/ingress.class}, which meshwarden
   * never keeps).
   */
  static boolean isIstio(String key) {
    int slash = key.indexOf('/');
    String prefix = slash < 0 ? key : key.substring(0, slash);
    return prefix.endsWith("istio.io") || key.equals("kubernetes.io/ingress.class");
  }

  private static Map<String, Definition> load() {
    Map<String, Definition> table = new HashMap<>();
    try (InputStream in = IstioAnnotations.class.getResourceAsStream("istio-annotations.tsv")) {
      if (in == null) {
        throw new IllegalStateException("istio-annotations.tsv is missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        if (cols.length != 3) {
          throw new IllegalStateException("istio-annotations.tsv: bad line: " + line);
        }
        table.put(
            cols[0],
            new Definition(cols[0], cols[1].equals("deprecated"), List.of(cols[2].split(","))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(table);
  }
}
