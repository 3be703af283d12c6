package io.meshwarden.testkit.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Istio control-plane revision to install: its name ({@code default} for a revision-less
 * install), proxy hub and tag, and injector settings. Immutable; the {@code with*} methods copy.
 *
 * @param name revision name, e.g. {@code 1-24-0}, or {@code default}
 * @param hub {@code global.hub}
 * @param tag {@code global.tag}, e.g. {@code 1.24.0}
 * @param makeDefault whether it serves {@code istio-injection=enabled} (through tag {@code default}
 *     for a named revision)
 * @param failurePolicy of its webhooks: {@code Fail} (Istio's default) or {@code Ignore}
 * @param policy injector {@code policy}: {@code enabled} or {@code disabled}
 * @param neverInjectSelector matchLabels maps
 * @param alwaysInjectSelector matchLabels maps
 * @param values extra {@code values} by dotted path, e.g. {@code istio_cni.enabled=true}
 */
public record Revision(
    String name,
    String hub,
    String tag,
    boolean makeDefault,
    String failurePolicy,
    String policy,
    List<Map<String, String>> neverInjectSelector,
    List<Map<String, String>> alwaysInjectSelector,
    Map<String, Object> values) {

  /** Revision {@code name} running proxy {@code docker.io/istio/proxyv2:<tag>}. */
  public static Revision of(String name, String tag) {
    return new Revision(
        name, "docker.io/istio", tag, false, "Fail", "enabled", List.of(), List.of(), Map.of());
  }

  public Revision asDefault() {
    return new Revision(
        name,
        hub,
        tag,
        true,
        failurePolicy,
        policy,
        neverInjectSelector,
        alwaysInjectSelector,
        values);
  }

  public Revision withFailurePolicy(String value) {
    return new Revision(
        name,
        hub,
        tag,
        makeDefault,
        value,
        policy,
        neverInjectSelector,
        alwaysInjectSelector,
        values);
  }

  public Revision withPolicy(String value) {
    return new Revision(
        name,
        hub,
        tag,
        makeDefault,
        failurePolicy,
        value,
        neverInjectSelector,
        alwaysInjectSelector,
        values);
  }

  public Revision withHub(String value) {
    return new Revision(
        name,
        value,
        tag,
        makeDefault,
        failurePolicy,
        policy,
        neverInjectSelector,
        alwaysInjectSelector,
        values);
  }

  public Revision withNeverInject(Map<String, String> matchLabels) {
    List<Map<String, String>> list = new ArrayList<>(neverInjectSelector);
    list.add(matchLabels);
    return new Revision(
        name,
        hub,
        tag,
        makeDefault,
        failurePolicy,
        policy,
        List.copyOf(list),
        alwaysInjectSelector,
        values);
  }

  public Revision withAlwaysInject(Map<String, String> matchLabels) {
    List<Map<String, String>> list = new ArrayList<>(alwaysInjectSelector);
    list.add(matchLabels);
    return new Revision(
        name,
        hub,
        tag,
        makeDefault,
        failurePolicy,
        policy,
        neverInjectSelector,
        List.copyOf(list),
        values);
  }

  /**
   * The Istio release istiod runs ({@code 1.26.4}), when it differs from {@code tag}: istiod's
   * image tag ({@code pilot.tag}), whose injector semantics apply. By default the release {@code
   * tag} names.
   */
  public Revision withIstioVersion(String version) {
    return withValue("pilot.tag", version);
  }

  /** Sets a {@code values} entry by dotted path. */
  public Revision withValue(String dottedPath, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(dottedPath, value);
    return new Revision(
        name,
        hub,
        tag,
        makeDefault,
        failurePolicy,
        policy,
        neverInjectSelector,
        alwaysInjectSelector,
        copy);
  }
}
