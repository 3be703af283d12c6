package io.meshwarden.core.rules;

import io.meshwarden.common.protocol.ObjectRef;
import io.meshwarden.common.protocol.ServiceFacts;
import io.meshwarden.common.protocol.Severity;
import io.meshwarden.common.protocol.WebhookConfigFacts;
import io.meshwarden.core.model.MeshView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * MW0020 (IST0139), as istioctl's webhook analyzer decides it (istio.md §6; {@code
 * analyzers/webhook/webhook.go} {@code Analyze}, 1.22–1.28):
 *
 * <ul>
 *   <li>the configurations considered are Istio's ({@link Webhooks#analyzed});
 *   <li>each webhook is tried on fixed probe points: namespace labels {none, {@code
 *       istio-injection=enabled}, {@code =disabled}} × pod labels {none, {@code
 *       sidecar.istio.io/inject=true}, {@code =false}}, each side also with {@code istio.io/rev=R}
 *       for every revision R the configurations name ({@link Webhooks#revisionsNamed});
 *   <li>a point that more than one webhook matches flags each of them once per distinct set of the
 *       others (istioctl prints identical messages once). A deactivated webhook ({@code
 *       istio.io/deactivated: never-match}) matches no point, so it never overlaps;
 *   <li>a webhook whose {@code clientConfig.service} names a Service that does not exist is flagged
 *       too (a URL webhook is not checked).
 * </ul>
 */
public final class WebhookOverlapRule implements MeshRule {

  static final RuleInfo INFO =
      new RuleInfo("MW0020", Severity.ERROR, "IST0139", "Injector webhooks overlap");

  private static final String INJECTION = "istio-injection";
  private static final String INJECT = "sidecar.istio.io/inject";
  private static final String REV = "istio.io/rev";

  /** One webhook with the configuration it belongs to. */
  private record Hook(WebhookConfigFacts config, WebhookConfigFacts.Webhook webhook) {
    /** As istioctl names it: {@code <configuration>/<webhook>}. */
    String id() {
      return config.meta().name() + "/" + webhook.name();
    }

    boolean matches(Map<String, String> ns, Map<String, String> pod) {
      return Webhooks.selects(webhook.namespaceSelector(), ns)
          && Webhooks.selects(webhook.objectSelector(), pod);
    }
  }

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<RuleResult> evaluate(MeshView mesh) {
    List<Hook> hooks = new ArrayList<>();
    Set<String> revisions = new TreeSet<>();
    for (WebhookConfigFacts c : mesh.webhooks()) {
      if (Webhooks.analyzed(c)) {
        c.webhooks().forEach(w -> hooks.add(new Hook(c, w)));
        revisions.addAll(Webhooks.revisionsNamed(c));
      }
    }
    Map<String, RuleResult> results = new LinkedHashMap<>();
    overlaps(hooks, revisions, results);
    missingServices(hooks, mesh, results);
    return List.copyOf(results.values());
  }

  private static void overlaps(
      List<Hook> hooks, Set<String> revisions, Map<String, RuleResult> results) {
    List<Map<String, String>> namespaces = points(INJECTION, "enabled", "disabled", revisions);
    List<Map<String, String>> pods = points(INJECT, "true", "false", revisions);
    for (Map<String, String> ns : namespaces) {
      for (Map<String, String> pod : pods) {
        List<Hook> matched = hooks.stream().filter(h -> h.matches(ns, pod)).toList();
        if (matched.size() < 2) {
          continue;
        }
        for (Hook h : matched) {
          SortedSet<String> others = new TreeSet<>();
          matched.stream().filter(o -> o != h).forEach(o -> others.add(o.id()));
          String istioText =
              "Webhook overlaps with others: "
                  + others.toString().replace(", ", " ")
                  + ". This may cause injection to occur twice.";
          results.computeIfAbsent(
              h.id() + "|" + istioText,
              k ->
                  RuleResult.of(
                      INFO,
                      ref(h),
                      String.format(
                          "MutatingWebhookConfiguration %s: webhook %s: %s (for example namespace"
                              + " labels %s, pod labels %s); remove the stale configuration or"
                              + " narrow its selectors",
                          h.config().meta().name(), h.webhook().name(), istioText, ns, pod),
                      Map.of(
                          "webhook", h.id(),
                          "overlapsWith", String.join(",", others),
                          "namespaceLabels", ns.toString(),
                          "podLabels", pod.toString())));
        }
      }
    }
  }

  private static void missingServices(
      List<Hook> hooks, MeshView mesh, Map<String, RuleResult> results) {
    Set<String> services = new HashSet<>();
    for (ServiceFacts s : mesh.services()) {
      services.add(s.meta().namespace() + "/" + s.meta().name());
    }
    for (Hook h : hooks) {
      WebhookConfigFacts.Webhook w = h.webhook();
      if (w.serviceName() == null && w.serviceNamespace() == null) {
        continue; // it calls a URL
      }
      String namespace = nullToEmpty(w.serviceNamespace());
      String service = (namespace.isEmpty() ? "" : namespace + "/") + nullToEmpty(w.serviceName());
      if (services.contains(service)) {
        continue;
      }
      String istioText =
          "Injector refers to a control plane service that does not exist: " + service + ".";
      results.computeIfAbsent(
          h.id() + "|" + istioText,
          k ->
              RuleResult.of(
                  INFO,
                  ref(h),
                  String.format(
                      "MutatingWebhookConfiguration %s: webhook %s: %s Pods it selects cannot be"
                          + " created while the service is missing; point it at istiod's service"
                          + " or delete the stale configuration",
                      h.config().meta().name(), w.name(), istioText),
                  Map.of("webhook", h.id(), "missingService", service)));
    }
  }

  /**
   * The probe points of one side: none, {@code key=yes}, {@code key=no}, then each of those with
   * {@code istio.io/rev=R} for every revision.
   */
  private static List<Map<String, String>> points(
      String key, String yes, String no, Set<String> revisions) {
    List<Map<String, String>> base = List.of(Map.of(), Map.of(key, yes), Map.of(key, no));
    List<Map<String, String>> out = new ArrayList<>(base);
    for (String rev : revisions) {
      for (Map<String, String> b : base) {
        Map<String, String> withRev = new TreeMap<>(b);
        withRev.put(REV, rev);
        out.add(withRev);
      }
    }
    return out;
  }

  private static ObjectRef ref(Hook h) {
    return new ObjectRef(
        "MutatingWebhookConfiguration", "", h.config().meta().name(), h.config().meta().uid());
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
