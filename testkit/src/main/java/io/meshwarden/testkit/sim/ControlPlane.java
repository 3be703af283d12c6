package io.meshwarden.testkit.sim;

import static io.meshwarden.testkit.sim.SidecarInjector.CONTROL_PLANE_NAMESPACE;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.meshwarden.testkit.kubernetes.Fixtures;
import io.meshwarden.testkit.sim.inject.InjectorConfig;
import io.meshwarden.testkit.sim.inject.IstioNames;
import io.meshwarden.testkit.sim.inject.IstioWebhooks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Istio control-plane operations on the simulated cluster: install a revision (injector ConfigMap,
 * MutatingWebhookConfiguration, istiod Deployment), upgrade a revision's proxy tag in place,
 * install a canary, and create or move a revision tag. Everything it writes is an ordinary API
 * object the injector and meshwarden read back.
 */
public final class ControlPlane {

  private final KubernetesClient client;
  private final EventLog events;

  ControlPlane(KubernetesClient client, EventLog events) {
    this.client = client;
    this.events = events;
  }

  /** Installs {@code revision}; a default one also answers {@code istio-injection=enabled}. */
  public ControlPlane install(Revision revision) {
    ensureNamespace();
    upsert(configMap(revision));
    boolean revisionless = IstioNames.DEFAULT_REVISION.equals(revision.name());
    upsert(
        IstioWebhooks.configuration(
            IstioNames.injectorConfigMap(revision.name()),
            revision.name(),
            revision.name(),
            null,
            revisionless && revision.makeDefault(),
            enableByDefault(revision),
            revision.failurePolicy()));
    upsert(istiod(revision));
    events.record(
        SimEvent.Type.REVISION_INSTALLED,
        CONTROL_PLANE_NAMESPACE,
        revision.name(),
        "proxy " + revision.tag());
    if (revision.makeDefault() && !revisionless) {
      setTag(IstioNames.DEFAULT_REVISION, revision.name());
    }
    return this;
  }

  /** Installs a canary: a second revision beside the current default, which stays default. */
  public ControlPlane installCanary(Revision revision) {
    return install(
        new Revision(
            revision.name(),
            revision.hub(),
            revision.tag(),
            false,
            revision.failurePolicy(),
            revision.policy(),
            revision.neverInjectSelector(),
            revision.alwaysInjectSelector(),
            revision.values()));
  }

  /** Changes revision {@code name}'s {@code global.tag} and istiod image in place. */
  public ControlPlane upgradeInPlace(String name, String newTag) {
    ConfigMap cm =
        client
            .configMaps()
            .inNamespace(CONTROL_PLANE_NAMESPACE)
            .withName(IstioNames.injectorConfigMap(name))
            .get();
    if (cm == null) {
      throw new IllegalArgumentException("No revision " + name);
    }
    Map<String, Object> values = new LinkedHashMap<>(InjectorConfig.from(cm).values());
    @SuppressWarnings("unchecked")
    Map<String, Object> global =
        new LinkedHashMap<>((Map<String, Object>) values.getOrDefault("global", Map.of()));
    String oldTag = String.valueOf(global.get("tag"));
    global.put("tag", newTag);
    values.put("global", global);
    Map<String, String> data = new LinkedHashMap<>(cm.getData());
    data.put("values", Serialization.asJson(values));
    client.resource(new ConfigMapBuilder(cm).withData(data).build()).update();
    Deployment istiod =
        client
            .apps()
            .deployments()
            .inNamespace(CONTROL_PLANE_NAMESPACE)
            .withName(IstioNames.istiod(name))
            .get();
    if (istiod != null) {
      istiod
          .getSpec()
          .getTemplate()
          .getSpec()
          .getContainers()
          .get(0)
          .setImage(global.get("hub") + "/pilot:" + newTag);
      client.resource(istiod).update();
    }
    events.record(
        SimEvent.Type.REVISION_UPGRADED, CONTROL_PLANE_NAMESPACE, name, oldTag + " -> " + newTag);
    return this;
  }

  /** Creates or moves tag {@code tag} ({@code istio-revision-tag-<tag>}) to {@code revision}. */
  public ControlPlane setTag(String tag, String revision) {
    MutatingWebhookConfiguration own =
        client
            .admissionRegistration()
            .v1()
            .mutatingWebhookConfigurations()
            .withName(IstioNames.injectorConfigMap(revision))
            .get();
    String failurePolicy = own == null ? "Fail" : own.getWebhooks().get(0).getFailurePolicy();
    ConfigMap cm =
        client
            .configMaps()
            .inNamespace(CONTROL_PLANE_NAMESPACE)
            .withName(IstioNames.injectorConfigMap(revision))
            .get();
    boolean byDefault = cm != null && InjectorConfig.from(cm).enableNamespacesByDefault();
    upsert(
        IstioWebhooks.configuration(
            IstioNames.TAG_WEBHOOK_PREFIX + tag,
            tag,
            revision,
            tag,
            IstioNames.DEFAULT_REVISION.equals(tag),
            byDefault,
            failurePolicy));
    events.record(SimEvent.Type.TAG_SET, "", tag, "-> " + revision);
    return this;
  }

  private ConfigMap configMap(Revision revision) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("policy", revision.policy());
    config.put(
        "neverInjectSelector",
        revision.neverInjectSelector().stream().map(ControlPlane::selector).toList());
    config.put(
        "alwaysInjectSelector",
        revision.alwaysInjectSelector().stream().map(ControlPlane::selector).toList());
    Map<String, Object> values = new LinkedHashMap<>();
    put(values, "global.hub", revision.hub());
    put(values, "global.tag", revision.tag());
    put(values, "global.proxy.image", "proxyv2");
    put(
        values,
        "revision",
        IstioNames.DEFAULT_REVISION.equals(revision.name()) ? "" : revision.name());
    revision.values().forEach((k, v) -> put(values, k, v));
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(IstioNames.injectorConfigMap(revision.name()))
        .withNamespace(CONTROL_PLANE_NAMESPACE)
        .addToLabels(IstioNames.REV_LABEL, revision.name())
        .endMetadata()
        .addToData("config", Serialization.asYaml(config))
        .addToData("values", Serialization.asJson(values))
        .build();
  }

  private static Map<String, Object> selector(Map<String, String> matchLabels) {
    return Map.of(
        "matchLabels",
        new LinkedHashMap<>(
            new LabelSelectorBuilder().withMatchLabels(matchLabels).build().getMatchLabels()));
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, String dotted, Object value) {
    String[] parts = dotted.split("\\.");
    Map<String, Object> current = root;
    for (int i = 0; i < parts.length - 1; i++) {
      current =
          (Map<String, Object>)
              current.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
    }
    current.put(parts[parts.length - 1], value);
  }

  private static boolean enableByDefault(Revision revision) {
    Object v = revision.values().get("sidecarInjectorWebhook.enableNamespacesByDefault");
    return v != null && Boolean.parseBoolean(String.valueOf(v));
  }

  private Deployment istiod(Revision revision) {
    return Fixtures.deployment(IstioNames.istiod(revision.name()))
        .inNamespace(CONTROL_PLANE_NAMESPACE)
        .withLabel(IstioNames.REV_LABEL, revision.name())
        .withPodLabel(IstioNames.REV_LABEL, revision.name())
        .withPodLabel(IstioNames.INJECT, "false")
        .withContainer("discovery", revision.hub() + "/pilot:" + istiodTag(revision))
        .build();
  }

  /** istiod's image tag: {@code pilot.tag} when set ({@link Revision#withIstioVersion}). */
  private static String istiodTag(Revision revision) {
    Object tag = revision.values().get("pilot.tag");
    return tag == null ? revision.tag() : String.valueOf(tag);
  }

  private void ensureNamespace() {
    if (client.namespaces().withName(CONTROL_PLANE_NAMESPACE).get() == null) {
      client
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(CONTROL_PLANE_NAMESPACE)
                  .endMetadata()
                  .build())
          .create();
    }
  }

  private void upsert(HasMetadata object) {
    HasMetadata existing = client.resource(object).get();
    if (existing == null) {
      client.resource(object).create();
    } else {
      object.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
      client.resource(object).update();
    }
  }
}
