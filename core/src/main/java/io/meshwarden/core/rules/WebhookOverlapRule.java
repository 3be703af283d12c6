package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.LabelSelector;
import io.meshwarden.common.protocol.NamespaceFacts;
import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.common.protocol.WebhookConfigFacts;
import io.meshwarden.core.model.IstioKeys;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * MW0020 (IST0139): two injector webhooks would both be called for one pod, so the pod is injected
 * twice or by the wrong revision. As istioctl does, overlap is tested on concrete label sets: every
 * known namespace plus namespaces and pods made from the labels the selectors mention.
 */
public final class WebhookOverlapRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0020", Severity.ERROR, "IST0139", "Injector webhooks overlap");

  /** One webhook with the configuration it belongs to. */
  private record Hook(WebhookConfigFacts config, WebhookConfigFacts.Webhook webhook) {
    String id() {
      return config.meta().name() + "/" + webhook.name();
    }

    boolean calledFor(Map<String, String> ns, Map<String, String> pod) {
      return matches(webhook.namespaceSelector(), ns) && matches(webhook.objectSelector(), pod);
    }
  }

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    List<Hook> hooks = new ArrayList<>();
    mesh.webhooks().forEach(c -> c.webhooks().forEach(w -> hooks.add(new Hook(c, w))));
    if (hooks.size() < 2) {
      return List.of();
    }
    Set<Map<String, String>> nsCandidates = namespaceCandidates(mesh, hooks);
    Set<Map<String, String>> podCandidates = podCandidates(hooks);
    Map<String, RuleResult> byPair = new TreeMap<>();
    for (Map<String, String> ns : nsCandidates) {
      for (Map<String, String> pod : podCandidates) {
        List<Hook> called = hooks.stream().filter(h -> h.calledFor(ns, pod)).toList();
        for (int i = 0; i < called.size(); i++) {
          for (int j = i + 1; j < called.size(); j++) {
            Hook a = called.get(i);
            Hook b = called.get(j);
            String pair =
                a.id().compareTo(b.id()) < 0 ? a.id() + "|" + b.id() : b.id() + "|" + a.id();
            byPair.computeIfAbsent(pair, k -> result(a, b, ns, pod));
          }
        }
      }
    }
    return List.copyOf(byPair.values());
  }

  private static RuleResult result(
      Hook a, Hook b, Map<String, String> ns, Map<String, String> pod) {
    ObjectRef ref =
        new ObjectRef(
            "MutatingWebhookConfiguration", "", a.config().meta().name(), a.config().meta().uid());
    String message =
        String.format(
            "MutatingWebhookConfiguration %s: webhook %s overlaps %s (both match namespace labels %s"
                + " and pod labels %s); remove the stale one or narrow its selectors",
            a.config().meta().name(),
            a.webhook().name(),
            b.id(),
            new TreeMap<>(ns),
            new TreeMap<>(pod));
    return RuleResult.of(
        INFO,
        ref,
        message,
        Map.of(
            "webhook", a.id(),
            "overlapsWith", b.id(),
            "namespaceLabels", new TreeMap<>(ns).toString(),
            "podLabels", new TreeMap<>(pod).toString()));
  }

  private static Set<Map<String, String>> namespaceCandidates(MeshView mesh, List<Hook> hooks) {
    Set<Map<String, String>> out = new LinkedHashSet<>();
    for (NamespaceFacts ns : mesh.namespaces().values()) {
      Map<String, String> labels = new HashMap<>(ns.meta().labels());
      labels.putIfAbsent(IstioKeys.NAMESPACE_NAME, ns.meta().name());
      out.add(labels);
    }
    out.add(Map.of(IstioKeys.NAMESPACE_NAME, "meshwarden-probe"));
    for (Hook h : hooks) {
      for (Map.Entry<String, String> kv : mentioned(h.webhook().namespaceSelector())) {
        out.add(Map.of(kv.getKey(), kv.getValue(), IstioKeys.NAMESPACE_NAME, "meshwarden-probe"));
      }
    }
    return out;
  }

  private static Set<Map<String, String>> podCandidates(List<Hook> hooks) {
    Set<Map<String, String>> out = new LinkedHashSet<>();
    out.add(Map.of());
    out.add(Map.of(IstioKeys.INJECT, "true"));
    for (Hook h : hooks) {
      for (Map.Entry<String, String> kv : mentioned(h.webhook().objectSelector())) {
        out.add(Map.of(kv.getKey(), kv.getValue()));
        if (!kv.getKey().equals(IstioKeys.INJECT)) {
          out.add(Map.of(kv.getKey(), kv.getValue(), IstioKeys.INJECT, "true"));
        }
      }
    }
    return out;
  }

  /** Label key/values a selector names positively (matchLabels and In). */
  private static List<Map.Entry<String, String>> mentioned(LabelSelector selector) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    if (selector == null) {
      return out;
    }
    out.addAll(selector.matchLabels().entrySet());
    for (LabelSelector.Requirement r : selector.matchExpressions()) {
      if ("In".equals(r.operator())) {
        r.values().forEach(v -> out.add(Map.entry(r.key(), v)));
      }
    }
    return out;
  }

  /** A webhook without this selector is called for every object (Kubernetes defaults it to {}). */
  private static boolean matches(LabelSelector selector, Map<String, String> labels) {
    return selector == null || selector.matches(labels);
  }
}
