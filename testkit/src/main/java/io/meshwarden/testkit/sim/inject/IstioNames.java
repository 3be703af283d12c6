package io.meshwarden.testkit.sim.inject;

import java.util.Set;

/** Istio's label, annotation and object names the simulator reads or writes (istio.md). */
public final class IstioNames {

  public static final String INJECTION_LABEL = "istio-injection";
  public static final String REV_LABEL = "istio.io/rev";
  public static final String TAG_LABEL = "istio.io/tag";
  public static final String INJECT = "sidecar.istio.io/inject";
  public static final String STATUS = "sidecar.istio.io/status";
  public static final String REV_ANNOTATION = "istio.io/rev";
  public static final String PROXY_IMAGE = "sidecar.istio.io/proxyImage";
  public static final String PROXY_IMAGE_TYPE = "sidecar.istio.io/proxyImageType";
  public static final String NATIVE_SIDECAR = "sidecar.istio.io/nativeSidecar";
  public static final String REWRITE_PROBES = "sidecar.istio.io/rewriteAppHTTPProbers";
  public static final String STATUS_PORT = "status.sidecar.istio.io/port";
  public static final String TLS_MODE = "security.istio.io/tlsMode";
  public static final String CANONICAL_NAME = "service.istio.io/canonical-name";
  public static final String CANONICAL_REVISION = "service.istio.io/canonical-revision";
  public static final String PROBERS_ENV = "ISTIO_KUBE_APP_PROBERS";
  public static final String PROXY_CONTAINER = "istio-proxy";
  public static final String INIT_CONTAINER = "istio-init";
  public static final String VALIDATION_CONTAINER = "istio-validation";
  public static final String DEFAULT_REVISION = "default";
  public static final String TAG_WEBHOOK_PREFIX = "istio-revision-tag-";
  public static final String INJECTOR_CONFIGMAP = "istio-sidecar-injector";

  /** Namespaces the injector never injects (stage 2, rule 2); istio-system is not one. */
  public static final Set<String> EXCLUDED_NAMESPACES =
      Set.of("kube-system", "kube-public", "kube-node-lease", "local-path-storage");

  private IstioNames() {}

  /** {@code istio-sidecar-injector} for the default revision, else {@code ...-<rev>}. */
  public static String injectorConfigMap(String revision) {
    return DEFAULT_REVISION.equals(revision)
        ? INJECTOR_CONFIGMAP
        : INJECTOR_CONFIGMAP + "-" + revision;
  }

  /** {@code istiod} for the default revision, else {@code istiod-<rev>}. */
  public static String istiod(String revision) {
    return DEFAULT_REVISION.equals(revision) ? "istiod" : "istiod-" + revision;
  }
}
