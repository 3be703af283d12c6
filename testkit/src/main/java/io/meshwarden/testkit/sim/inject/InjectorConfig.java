package io.meshwarden.testkit.sim.inject;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A revision's injector configuration, read from ConfigMap {@code istio-sidecar-injector[-<rev>]}:
 * key {@code config} (YAML: {@code policy}, {@code neverInjectSelector}, {@code
 * alwaysInjectSelector}) and key {@code values} (JSON: {@code global.hub}, {@code global.tag},
 * {@code global.proxy.image}, {@code global.variant}, {@code istio_cni.enabled}, {@code
 * sidecarInjectorWebhook.enableNamespacesByDefault}, {@code
 * sidecarInjectorWebhook.rewriteAppHTTPProbe}, {@code global.proxy.holdApplicationUntilProxyStarts}
 * and, standing in for istiod's {@code ENABLE_NATIVE_SIDECARS}, {@code pilot.env
 * .ENABLE_NATIVE_SIDECARS}).
 *
 * @param policy {@code enabled}, {@code disabled} or anything else, or null when the config has no
 *     {@code policy} field (never: istiod injects nothing then)
 * @param neverInjectSelector checked first when the pod makes no explicit choice
 * @param alwaysInjectSelector checked next
 * @param values the parsed {@code values}
 */
public record InjectorConfig(
    String policy,
    List<LabelSelector> neverInjectSelector,
    List<LabelSelector> alwaysInjectSelector,
    Map<String, Object> values) {

  /** Reads the two keys; a missing key reads as empty. */
  @SuppressWarnings("unchecked")
  public static InjectorConfig from(ConfigMap configMap) {
    Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
    Map<String, Object> config =
        data.containsKey("config") ? Serialization.unmarshal(data.get("config"), Map.class) : null;
    Map<String, Object> values =
        data.containsKey("values") ? Serialization.unmarshal(data.get("values"), Map.class) : null;
    config = config == null ? Map.of() : config;
    return new InjectorConfig(
        config.get("policy") == null ? null : String.valueOf(config.get("policy")),
        selectors(config.get("neverInjectSelector")),
        selectors(config.get("alwaysInjectSelector")),
        values == null ? Map.of() : values);
  }

  @SuppressWarnings("unchecked")
  private static List<LabelSelector> selectors(Object raw) {
    List<LabelSelector> out = new ArrayList<>();
    if (raw instanceof List<?> list) {
      for (Object item : list) {
        out.add(Serialization.unmarshal(Serialization.asJson(item), LabelSelector.class));
      }
    }
    return out;
  }

  /** The value at a dotted path of {@code values}, or null. */
  public Object value(String dottedPath) {
    Object current = values;
    for (String part : dottedPath.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }

  /** A string value, or {@code fallback} when absent or empty. */
  public String string(String dottedPath, String fallback) {
    Object value = value(dottedPath);
    return value == null || String.valueOf(value).isEmpty() ? fallback : String.valueOf(value);
  }

  /** A boolean value ({@code true} or {@code "true"}), or {@code fallback} when absent. */
  public boolean flag(String dottedPath, boolean fallback) {
    Object value = value(dottedPath);
    return value == null ? fallback : Boolean.parseBoolean(String.valueOf(value));
  }

  /**
   * The minor release of Istio whose injector semantics apply: from {@code pilot.tag} (the istiod
   * image's tag when it differs from the proxies', see {@code Revision.withIstioVersion}), else
   * {@code global.tag}; a tag naming no 1.x release reads as {@link #NEWEST_MINOR}.
   */
  public int istioMinor() {
    String tag = string("pilot.tag", string("global.tag", ""));
    java.util.regex.Matcher m = RELEASE.matcher(tag);
    if (!m.find() || !"1".equals(m.group(1))) {
      return NEWEST_MINOR;
    }
    return Math.min(Integer.parseInt(m.group(2)), NEWEST_MINOR);
  }

  /** The newest minor release whose semantics the simulation knows; unknown tags use it. */
  public static final int NEWEST_MINOR = 31;

  private static final java.util.regex.Pattern RELEASE =
      java.util.regex.Pattern.compile("^v?(\\d+)\\.(\\d+)");

  public boolean enableNamespacesByDefault() {
    return flag("sidecarInjectorWebhook.enableNamespacesByDefault", false);
  }

  public boolean cni() {
    return flag("istio_cni.enabled", false) || flag("pilot.cni.enabled", false);
  }

  public boolean nativeSidecars() {
    return flag("pilot.env.ENABLE_NATIVE_SIDECARS", false);
  }

  public boolean rewriteAppProbes() {
    return flag("sidecarInjectorWebhook.rewriteAppHTTPProbe", true);
  }

  public boolean holdApplicationUntilProxyStarts() {
    return flag("global.proxy.holdApplicationUntilProxyStarts", false);
  }
}
