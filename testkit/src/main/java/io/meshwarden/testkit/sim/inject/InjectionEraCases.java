package io.meshwarden.testkit.sim.inject;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of stage-2 cases per Istio era ({@code injection-eras.txt}) that the simulated injector
 * and meshwarden's injection model must agree on: testkit's own test runs the simulation over it, a
 * sandbox test runs both.
 *
 * @param name what the case shows
 * @param istioVersion the release istiod runs ({@code global.tag} of the injector ConfigMap)
 * @param policy the {@code policy} field, or null for none
 * @param never {@code neverInjectSelector} as YAML, or empty
 * @param always {@code alwaysInjectSelector} as YAML, or empty
 * @param labels the pod's labels
 * @param annotations the pod's annotations
 * @param inject whether Istio injects the pod
 */
public record InjectionEraCases(
    String name,
    String istioVersion,
    String policy,
    String never,
    String always,
    Map<String, String> labels,
    Map<String, String> annotations,
    boolean inject) {

  private static final String RESOURCE = "/io/meshwarden/testkit/sim/injection-eras.txt";

  /** Every case of the table, in order. */
  public static List<InjectionEraCases> all() {
    List<InjectionEraCases> out = new ArrayList<>();
    try (InputStream in = InjectionEraCases.class.getResourceAsStream(RESOURCE);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] c = line.split("\\|", -1);
        if (c.length != 8) {
          throw new IllegalStateException("expected 8 columns: " + line);
        }
        out.add(
            new InjectionEraCases(
                c[0].trim(),
                c[1].trim(),
                "-".equals(c[2].trim()) ? null : c[2].trim(),
                c[3].trim(),
                c[4].trim(),
                pairs(c[5].trim()),
                pairs(c[6].trim()),
                Boolean.parseBoolean(c[7].trim())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The injector ConfigMap {@code istio-sidecar-injector} in {@code istio-system} for the case. */
  public ConfigMap configMap() {
    StringBuilder config = new StringBuilder();
    if (policy != null) {
      config.append("policy: ").append(policy).append('\n');
    }
    if (!never.isEmpty()) {
      config.append("neverInjectSelector: ").append(never).append('\n');
    }
    if (!always.isEmpty()) {
      config.append("alwaysInjectSelector: ").append(always).append('\n');
    }
    config.append("defaultTemplates: [sidecar]\n");
    Map<String, Object> global = new LinkedHashMap<>();
    global.put("hub", "docker.io/istio");
    global.put("tag", istioVersion);
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("istio-sidecar-injector")
        .withNamespace("istio-system")
        .endMetadata()
        .addToData("config", config.toString())
        .addToData("values", Serialization.asJson(Map.of("global", global)))
        .build();
  }

  private static Map<String, String> pairs(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text.isEmpty()) {
      return out;
    }
    for (String pair : text.split(";")) {
      int eq = pair.indexOf('=');
      out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return out;
  }

  @Override
  public String toString() {
    return name + " @" + istioVersion;
  }
}
